## Отчеттор: кесипке багыттоочу мугалимге (өз мектеби) жана координаторго (район) — жылдык максаттар, кызыкчылык түрлөрү, сыноолор, графиктер жана экспорт

reports-choose = 📊 Отчеттор. Кайсынысын көргүңүз келет?
reports-choose-school = 🏫 Менин мектебим
reports-choose-district = 🗺 Район

reports-school-title = 📊 { $school } · { $year } окуу жылы
reports-class-title = 📊 { $class } класс · { $school } · { $year }
reports-pupils = 👥 7–11-класстардын окуучулары: { $count }
reports-with-trial = 🛠 Жок дегенде бир кесиптик сыноого катышкандар: { $count } ({ $share })
reports-with-contacts = 🤝 Эмгек дүйнөсү менен төрт же андан көп байланыш: { $count } ({ $share })
reports-rating = ⭐ Сыноолордун орточо баасы: { $rating } (максат — 5тен { $target })
reports-interests-title = 🧭 Кызыкчылык түрлөрү (сурамжылоо боюнча):
reports-interests-none = азырынча окуучу жок
reports-interest-line = • { $type }: { $count }
reports-no-result-line = • Сурамжылоодон али өтө электер: { $count }
reports-uncovered = 🔍 Окуучулар кызыгат, бирок сыноо жок: { $directions }
reports-uncovered-none = 🔍 Окуучулар кызыккан ар бир багыт боюнча сыноо бар.
reports-not-reflected-count = 📝 Али жазыла элек рефлексиялар: { $count }
reports-school-hint = Окуучуларды көрүү үчүн классты басыңыз. Баскычта — сыноого катышкандардын саны.
reports-not-reflected-title = 📝 Рефлексияны али жаза электер ({ $count }):
reports-not-reflected-line = • { $name }: { $trials }
reports-not-reflected-none = 📝 Сыноого келгендердин баары рефлексия жазып бүтүшкөн.
reports-more = …дагы { $count }

reports-trials-title = 🎟 { $year } окуу жылынын сыноолору: { $count }
reports-trials-empty = Бул окуу жылында азырынча сыноо жок.
reports-trials-line = келди { $attended }, жазылды { $registered }
reports-page = Бет: { $page } / { $pages }

reports-trial-registered = 📝 Жазылгандар: { $count } (орун: { $capacity })
reports-trial-confirmed = ✅ Ата-эненин макулдугу менен: { $count }
reports-trial-attended = 🙋 Келгендер: { $attended } · келбегендер: { $noShow }
reports-trial-consent = ⏳ Макулдук күтүлүүдө: { $pending } · баш тартышкан: { $refused } · мөөнөтү өткөн: { $expired }
reports-trial-waitlisted = 🕒 Күтүү тизмесинде: { $count }
reports-trial-reflections = 💭 Жазылган рефлексиялар: { $due } ичинен { $done }
reports-trial-interest = 📈 Кызыгуу (1–5): { $before } → { $after } (мурун да, кийин да жооп бергендер: { $pupils })
reports-trial-interest-none = 📈 Кызыгуу мурун → кийин: — (азырынча эч ким эки жолу жооп бере элек)
reports-trial-liked = 👍 Жакты: { $share } (ооба { $yes } · жок { $no } · билбейм { $unsure })
reports-trial-would-choose = 🎯 Бул кесипти тандамак: { $share } (ооба { $yes } · жок { $no } · билбейм { $unsure })
reports-trial-useful = 💡 Пайдалуу болду: { $share } (ооба { $yes } · жок { $no } · билбейм { $unsure })
reports-trial-rating = ⭐ Орточо баа: 5тен { $rating }
reports-trial-button = 📊 Отчет

reports-district-title = 🗺 Район · { $year } окуу жылы
reports-district-schools = 🏫 Мектептер: { $count }
reports-sectors-title = 🧭 Сыноо жетишпеген багыттар:
reports-sector-line = • { $direction }: окуучулардын кызыгуусу { $demand } ({ $demandShare }), сыноодогу орун { $supply } ({ $supplyShare })
reports-sectors-none = 🧭 Бардык багыттар боюнча сыноо жетиштүү.
reports-below-title = ⚠️ Максатка жетпеген мектептер: { $count }
reports-below-line = • { $school }: сыноо менен { $trial } · 4+ байланыш менен { $contacts } · баа { $rating }
reports-below-none = ✅ Бардык мектептер максатка жетти.

reports-btn-trials = 🎟 Сыноолор
reports-btn-charts = 📈 Графиктер
reports-btn-exports = 📄 Экспорт
reports-btn-back = ↩️ Артка
reports-btn-prev = ◀️ Артка
reports-btn-next = Андан ары ▶️
reports-btn-class-chart = 📈 Кызыкчылык графиги
reports-btn-trial-chart = 📈 «Мурун → кийин» графиги

reports-exports-title = 📄 Экспорт · { $school } · { $year }. CSV файлы Excelде ачылат, XLSX — Excel китеби.
reports-district-exports-title = 📄 Район боюнча экспорт · { $year }. Сандар жана үлүштөр гана, окуучулардын аты-жөнү жок.
reports-export-journal = Сыноолор журналы
reports-export-classes = Класстар боюнча
reports-export-pupils = Окуучулар боюнча
reports-export-schools = Мектептер
reports-export-sectors = Багыттар
reports-export-all = Мектептер жана багыттар
reports-export-all-xlsx = 📗 Мектептер жана багыттар · XLSX
reports-export-caption = 📄 { $what } · { $school } · { $year } · сап: { $rows }
reports-district-caption = 📄 { $what } · район · { $year }

reports-charts-none = Азырынча көрсөтө турган эч нерсе жок: 7–11-класстарда окуучу жок.
reports-chart-kpi-title = Жылдык максаттар · { $name } · { $year }
reports-chart-district-title = Мектептер боюнча жылдык максаттар · { $year }
reports-chart-trial-label = Жок дегенде бир сыноо
reports-chart-contacts-label = Төрт же андан көп байланыш
reports-chart-target-label = Максат — ар бир окуучу
reports-chart-interest-title = Кызыкчылык түрлөрү · { $name }
reports-chart-interest-subtitle = { $school } · { $year } · окуучулар: { $count }
reports-chart-no-result = Сурамжылоодон али өтө электер
reports-chart-shift-title = Кызыгуу мурун → кийин · { $name }
reports-chart-before = Мурун
reports-chart-after = Кийин
