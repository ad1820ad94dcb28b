## Есептер: кәсіби бағдар педагогіне (өз мектебі) және үйлестірушіге (аудан) — жылдық мақсаттар, қызығушылық түрлері, сынамалар, графиктер мен экспорт

reports-choose = 📊 Есептер. Қайсысын көргіңіз келеді?
reports-choose-school = 🏫 Менің мектебім
reports-choose-district = 🗺 Аудан

reports-school-title = 📊 { $school } · { $year } оқу жылы
reports-class-title = 📊 { $class } сынып · { $school } · { $year }
reports-pupils = 👥 7–11 сынып оқушылары: { $count }
reports-with-trial = 🛠 Кемінде бір кәсіби сынамаға қатысқандар: { $count } ({ $share })
reports-with-contacts = 🤝 Еңбек әлемімен кемінде төрт байланыс: { $count } ({ $share })
reports-rating = ⭐ Сынамалардың орташа бағасы: { $rating } (мақсат — 5-тен { $target })
reports-interests-title = 🧭 Қызығушылық түрлері (сауалнама бойынша):
reports-interests-none = әзірге оқушы жоқ
reports-interest-line = • { $type }: { $count }
reports-no-result-line = • Сауалнаманы әлі толтырмағандар: { $count }
reports-uncovered = 🔍 Оқушылар қызығады, бірақ сынама жоқ: { $directions }
reports-uncovered-none = 🔍 Оқушылар қызығатын әр бағыт бойынша сынама бар.
reports-not-reflected-count = 📝 Әлі жазылмаған рефлексиялар: { $count }
reports-school-hint = Оқушыларды көру үшін сыныпты басыңыз. Батырмада — сынамаға қатысқандар саны.
reports-not-reflected-title = 📝 Рефлексияны әлі жазбағандар ({ $count }):
reports-not-reflected-line = • { $name }: { $trials }
reports-not-reflected-none = 📝 Сынамаға келгендердің бәрі рефлексия жазып қойған.
reports-more = …тағы { $count }

reports-trials-title = 🎟 { $year } оқу жылының сынамалары: { $count }
reports-trials-empty = Бұл оқу жылында әзірге сынама жоқ.
reports-trials-line = келді { $attended }, жазылды { $registered }
reports-page = Бет: { $page } / { $pages }

reports-trial-registered = 📝 Жазылғандар: { $count } (орын саны: { $capacity })
reports-trial-confirmed = ✅ Ата-ана келісімімен: { $count }
reports-trial-attended = 🙋 Келгендер: { $attended } · келмегендер: { $noShow }
reports-trial-consent = ⏳ Келісім күтілуде: { $pending } · бас тартқандар: { $refused } · мерзімі өткен: { $expired }
reports-trial-waitlisted = 🕒 Күту тізімінде: { $count }
reports-trial-reflections = 💭 Жазылған рефлексиялар: { $due } ішінен { $done }
reports-trial-interest = 📈 Қызығушылық (1–5): { $before } → { $after } (бұрын да, кейін де жауап бергендер: { $pupils })
reports-trial-interest-none = 📈 Қызығушылық бұрын → кейін: — (әзірге ешкім екі рет жауап бермеді)
reports-trial-liked = 👍 Ұнады: { $share } (иә { $yes } · жоқ { $no } · білмеймін { $unsure })
reports-trial-would-choose = 🎯 Бұл мамандықты таңдар едім: { $share } (иә { $yes } · жоқ { $no } · білмеймін { $unsure })
reports-trial-useful = 💡 Пайдалы болды: { $share } (иә { $yes } · жоқ { $no } · білмеймін { $unsure })
reports-trial-rating = ⭐ Орташа баға: 5-тен { $rating }
reports-trial-button = 📊 Есеп

reports-district-title = 🗺 Аудан · { $year } оқу жылы
reports-district-schools = 🏫 Мектептер: { $count }
reports-sectors-title = 🧭 Сынама жетпейтін бағыттар:
reports-sector-line = • { $direction }: оқушылардың қызығушылығы { $demand } ({ $demandShare }), сынамадағы орын { $supply } ({ $supplyShare })
reports-sectors-none = 🧭 Барлық бағыт бойынша сынама жеткілікті.
reports-below-title = ⚠️ Мақсатқа жетпеген мектептер: { $count }
reports-below-line = • { $school }: сынамамен { $trial } · 4+ байланыспен { $contacts } · баға { $rating }
reports-below-none = ✅ Барлық мектеп мақсатқа жетті.

reports-btn-trials = 🎟 Сынамалар
reports-btn-charts = 📈 Графиктер
reports-btn-exports = 📄 Экспорт
reports-btn-back = ↩️ Артқа
reports-btn-prev = ◀️ Артқа
reports-btn-next = Әрі қарай ▶️
reports-btn-class-chart = 📈 Қызығушылық графигі
reports-btn-trial-chart = 📈 «Бұрын → кейін» графигі

reports-exports-title = 📄 Экспорт · { $school } · { $year }. CSV файлы Excel-де ашылады, XLSX — Excel кітабы.
reports-district-exports-title = 📄 Аудан бойынша экспорт · { $year }. Тек сандар мен үлестер, оқушылардың аты-жөні жоқ.
reports-export-journal = Сынамалар журналы
reports-export-classes = Сыныптар бойынша
reports-export-pupils = Оқушылар бойынша
reports-export-schools = Мектептер
reports-export-sectors = Бағыттар
reports-export-all = Мектептер мен бағыттар
reports-export-all-xlsx = 📗 Мектептер мен бағыттар · XLSX
reports-export-caption = 📄 { $what } · { $school } · { $year } · жол саны: { $rows }
reports-district-caption = 📄 { $what } · аудан · { $year }

reports-charts-none = Әзірге көрсететін ештеңе жоқ: 7–11 сыныптарда оқушы жоқ.
reports-chart-kpi-title = Жылдық мақсаттар · { $name } · { $year }
reports-chart-district-title = Мектептер бойынша жылдық мақсаттар · { $year }
reports-chart-trial-label = Кемінде бір сынама
reports-chart-contacts-label = Төрт және одан көп байланыс
reports-chart-target-label = Мақсат — әр оқушы
reports-chart-interest-title = Қызығушылық түрлері · { $name }
reports-chart-interest-subtitle = { $school } · { $year } · оқушылар: { $count }
reports-chart-no-result = Сауалнаманы әлі толтырмағандар
reports-chart-shift-title = Қызығушылық бұрын → кейін · { $name }
reports-chart-before = Бұрын
reports-chart-after = Кейін
