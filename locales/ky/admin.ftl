## Админ: мектептер, мугалимдерди чакыруу жана алардын укугу (райондук координаторлор)

admin-home-title = Бардыгы { $count } мектеп. Мектепти ачуу үчүн аны тандаңыз.
admin-home-empty = Азырынча мектеп жок. Биринчисин кошуңуз.
admin-home-line = { $number }. { $name } — { $region }, { $zone }
admin-home-page = Барак: { $page } / { $pages }
admin-add-school = ➕ Мектеп кошуу
admin-back-menu = ⬅️ Башкы меню
admin-back-schools = ⬅️ Бардык мектептер
admin-back-school = ⬅️ Мектепке кайтуу

admin-zone-almaty = Алматы, Астана (UTC+5)
admin-zone-qostanay = Костанай (UTC+5)
admin-zone-qyzylorda = Кызылорда (UTC+5)
admin-zone-aqtobe = Актөбө (UTC+5)
admin-zone-aqtau = Актау, Маңгыстау (UTC+5)
admin-zone-oral = Орал, Батыш Казакстан (UTC+5)
admin-zone-bishkek = Кыргызстан, Бишкек (UTC+6)

admin-school-card =
    🏫 { $name }
    Район, облус: { $region }
    Убакыт алкагы: { $zone }
    Багдардагы мугалимдер: { $teachers }
admin-school-invite = ✉️ Мугалимди чакыруу
admin-school-teachers = 👩‍🏫 Мугалимдер ({ $count })
admin-school-rename = ✏️ Аталышын өзгөртүү
admin-school-gone = Бул мектеп мындан ары тизмеде жок.

admin-teachers-title = Мугалимдер — { $school }:
admin-teachers-none = { $school }: Багдарда азырынча мугалим жок. Кошуу үчүн мектептин барагындагы «Мугалимди чакыруу» баскычын басыңыз.
admin-teacher-revoke = ✖️ Укугун алуу: { $name }
admin-teacher-unnamed = Аты жок (Telegram ID { $id })
admin-teacher-gone = Бул адам мындан ары мугалим эмес. Эч нерсе өзгөргөн жок.
admin-revoke-confirm =
    { $name } мындан ары мугалим болбойт ({ $school }): мектептин сыноолорун, тизмелерин жана отчётторун көрө албайт. Кийин кайра чакырсаңыз болот.

    Мугалимдин укугун алалыбы?
admin-revoke-yes = Ооба, алуу
admin-revoke-no = Жокко чыгаруу
admin-revoke-done = Даяр: { $name } мындан ары мугалим эмес ({ $school }).

admin-invite-intro = Чакыруу даяр: { $school }. Кийинки билдирүүнү мугалимге кайра жөнөтүңүз. Шилтеме бир гана жолу иштейт жана 7 күнгө жарактуу.
admin-invite-forward =
    Саламатсызбы! Сизди Багдар ботуна кесипке багыттоочу мугалим катары чакырабыз. Мектеп: { $school }.

    Кошулуу үчүн шилтемени ачыңыз:
    { $link }

    Шилтеме ачылбаса, @{ $bot } ботуна бул кодду жөнөтүңүз: <code>{ $code }</code>

    Чакыруу бир гана жолу колдонулат, жарактуулук мөөнөтү — { $until }.

admin-add-name-ask = Жаңы мектеп, 1/4-кадам. Мектептин толук аталышын жөнөтүңүз, мисалы: Ч. Айтматов атындагы №5 орто мектеп
admin-add-region-ask = 2/4-кадам. Районду жана облусту жөнөтүңүз, мисалы: Аламүдүн району, Чүй облусу
admin-add-zone-ask = 3/4-кадам. Мектептин убакыт алкагын тандаңыз: сыноолордун убактысы жана эскертмелер ушул алкак боюнча көрсөтүлөт.
admin-add-preview =
    4/4-кадам. Маалыматты текшериңиз:
    Аталышы: { $name }
    Район, облус: { $region }
    Убакыт алкагы: { $zone }

    Мектепти сактайлыбы?
admin-add-saved = ✅ Мектеп кошулду.
admin-save = ✅ Сактоо
admin-cancel = ✖️ Жокко чыгаруу
admin-name-invalid = Аталышы 2ден 120 белгиге чейин болушу керек. Мектептин аталышын кайра жөнөтүңүз.
admin-region-invalid = Район жана облус 2ден 80 белгиге чейин болушу керек. Кайра жөнөтүңүз.
admin-expect-text = Жообуңузду текст менен жөнөтүңүзчү.
admin-expect-button = Төмөндөгү баскычтардын бирин тандаңызчы.
admin-dialog-cancelled = Токтотулду, эч нерсе сакталган жок.

admin-rename-ask =
    Азыркы аталышы: { $name }
    Мектептин жаңы аталышын жөнөтүңүз.
admin-rename-preview =
    Мектептин аталышын өзгөртөлүбү?
    Мурдагы: { $old }
    Жаңы: { $name }
admin-rename-saved = ✅ Аталышы өзгөртүлдү.
admin-teacher-revoked-notice = Райондун координатору сиздин «{ $school }» мектебинин мугалими катары кирүү укугуңузду жапты. Бул ката болсо, аны менен байланышыңыз.
