## Әкімші: мектептер, педагогтерді шақыру және олардың құқығы (аудандық үйлестірушілер)

admin-home-title = Барлық мектеп: { $count }. Мектепті ашу үшін оны таңдаңыз.
admin-home-empty = Әзірге мектеп жоқ. Алғашқысын қосыңыз.
admin-home-line = { $number }. { $name } — { $region }, { $zone }
admin-home-page = Бет: { $page } / { $pages }
admin-add-school = ➕ Мектеп қосу
admin-back-menu = ⬅️ Басты мәзір
admin-back-schools = ⬅️ Барлық мектеп
admin-back-school = ⬅️ Мектепке оралу

admin-zone-almaty = Алматы, Астана (UTC+5)
admin-zone-qostanay = Қостанай (UTC+5)
admin-zone-qyzylorda = Қызылорда (UTC+5)
admin-zone-aqtobe = Ақтөбе (UTC+5)
admin-zone-aqtau = Ақтау, Маңғыстау (UTC+5)
admin-zone-oral = Орал, БҚО (UTC+5)
admin-zone-bishkek = Қырғызстан, Бішкек (UTC+6)

admin-school-card =
    🏫 { $name }
    Аудан, облыс: { $region }
    Уақыт белдеуі: { $zone }
    Бағдардағы педагогтер: { $teachers }
admin-school-invite = ✉️ Педагогті шақыру
admin-school-teachers = 👩‍🏫 Педагогтер ({ $count })
admin-school-rename = ✏️ Атауын өзгерту
admin-school-gone = Бұл мектеп енді тізімде жоқ.

admin-teachers-title = Педагогтер — { $school }:
admin-teachers-none = { $school }: Бағдарда әзірге педагог жоқ. Қосу үшін мектеп бетіндегі «Педагогті шақыру» батырмасын басыңыз.
admin-teacher-revoke = ✖️ Құқығын алу: { $name }
admin-teacher-unnamed = Аты жоқ (Telegram ID { $id })
admin-teacher-gone = Бұл адам енді педагог емес. Ештеңе өзгерген жоқ.
admin-revoke-confirm =
    { $name } бұдан былай педагог болмайды ({ $school }): мектептің сынамаларын, тізімдерін және есептерін көре алмайды. Кейін қайта шақыра аласыз.

    Педагог құқығын алайық па?
admin-revoke-yes = Иә, алу
admin-revoke-no = Болдырмау
admin-revoke-done = Дайын: { $name } енді педагог емес ({ $school }).

admin-invite-intro = Шақыру дайын: { $school }. Келесі хабарламаны педагогке қайта жіберіңіз. Сілтеме бір рет қана жұмыс істейді және 7 күн жарамды.
admin-invite-forward =
    Сәлеметсіз бе! Сізді Бағдар ботына кәсіби бағдар педагогі ретінде шақырамыз. Мектеп: { $school }.

    Қосылу үшін сілтемені ашыңыз:
    { $link }

    Сілтеме ашылмаса, @{ $bot } ботына мына кодты жіберіңіз: <code>{ $code }</code>

    Шақыру бір рет қана қолданылады, жарамдылық мерзімі — { $until }.

admin-add-name-ask = Жаңа мектеп, 1/4-қадам. Мектептің толық атауын жіберіңіз, мысалы: Абай атындағы №5 жалпы білім беретін мектеп
admin-add-region-ask = 2/4-қадам. Аудан мен облысты жіберіңіз, мысалы: Қарасай ауданы, Алматы облысы
admin-add-zone-ask = 3/4-қадам. Мектептің уақыт белдеуін таңдаңыз: сынамалардың уақыты мен еске салғыштар осы белдеу бойынша көрсетіледі.
admin-add-preview =
    4/4-қадам. Деректерді тексеріңіз:
    Атауы: { $name }
    Аудан, облыс: { $region }
    Уақыт белдеуі: { $zone }

    Мектепті сақтайық па?
admin-add-saved = ✅ Мектеп қосылды.
admin-save = ✅ Сақтау
admin-cancel = ✖️ Болдырмау
admin-name-invalid = Атауы 2 таңбадан 120 таңбаға дейін болуы керек. Мектептің атауын қайта жіберіңіз.
admin-region-invalid = Аудан мен облыс 2 таңбадан 80 таңбаға дейін болуы керек. Қайта жіберіңіз.
admin-expect-text = Жауабыңызды мәтінмен жіберіңізші.
admin-expect-button = Төмендегі батырмалардың бірін таңдаңызшы.
admin-dialog-cancelled = Тоқтатылды, ештеңе сақталған жоқ.

admin-rename-ask =
    Қазіргі атауы: { $name }
    Мектептің жаңа атауын жіберіңіз.
admin-rename-preview =
    Мектептің атауын өзгертейік пе?
    Бұрынғы: { $old }
    Жаңа: { $name }
admin-rename-saved = ✅ Атауы өзгертілді.
admin-teacher-revoked-notice = Аудан үйлестірушісі Сіздің «{ $school }» мектебінің педагогі ретіндегі қолжетімділігіңізді жапты. Бұл қате болса, онымен хабарласыңыз.
