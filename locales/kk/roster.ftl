## Roster: a trial's pupils for the teacher, with consent, photo rules, health notes and attendance

roster-title = 📋 Қатысушылар тізімі: «{ $title }»
roster-fill = 🪑 Бос емес орын: { $taken } (барлығы { $capacity })
roster-counts = ✅ Расталды: { $confirmed } · ⏳ Келісім күтуде: { $pending } · 🕒 Күту тізімінде: { $waiting }
roster-photo-warning = ⛔ Суретке және бейнеге түсіруге болмайтын оқушылар: { $count }. Олар төменде белгіленген.
roster-empty = Әзірге ешкім жазылған жоқ.
roster-waitlist-title = 🕒 Күту тізімі:
roster-waitlist-place = { $status }, кезектегі орны: { $position }
roster-page = Бет { $page } / { $pages }

roster-consent-line = 📝 Келісім: { $state }
roster-consent-granted = ата-ана берді
roster-consent-refused = ата-ана келіспеді
roster-consent-withdrawn = ата-ана кері қайтарып алды
roster-consent-pending = әлі келген жоқ
roster-consent-marked = қағаз түрінде, педагог белгіледі

roster-photo-line = 📷 Фото және бейне: { $scope }
roster-photo-forbidden-line = ⛔ БҰЛ ОҚУШЫНЫ СУРЕТКЕ ЖӘНЕ БЕЙНЕГЕ ТҮСІРУГЕ БОЛМАЙДЫ
roster-photo-publish = рұқсат, жариялауға да болады
roster-photo-portfolio = тек портфолио үшін, жарияламаңыз
roster-photo-forbidden = тыйым салынған
roster-photo-unknown = ата-ана әлі жауап бермеді, жарияламаңыз

roster-consent-hint = ✍️ Ата-ана қол қойылған қағаз келісімді Сізге тапсырса, оқушының аты-жөнінің жанындағы «Келісім алынды» түймесін басыңыз. Ол Сіздің атыңыздан қағаз келісім ретінде жазылады, ал орын расталады.
roster-attendance-hint = Кім келгенін белгілеңіз: ✅ келді, ❌ келмеді. Қате басылса, екінші түймемен түзетуге болады.

roster-consent-button = ✍️ Келісім алынды: { $name }
roster-present-button = ✅ { $name }
roster-absent-button = ❌
roster-csv-button = 📄 CSV
roster-refresh = 🔄 Жаңарту
roster-back = ↩️ Артқа

roster-consent-recorded = ✍️ Қағаз келісім жазылды, орын расталды.
roster-marked-present = ✅ Белгіленді: келді.
roster-marked-absent = ❌ Белгіленді: келмеді.
roster-already-marked = Бұл бұрыннан белгіленген.

roster-csv-caption = 📄 «{ $title }» ({ $when }) қатысушылар тізімі, оқушылар саны: { $count }. Excel-де кириллица бұзылмай ашылады.
roster-csv-number = №
roster-csv-last-name = Тегі
roster-csv-first-name = Аты
roster-csv-class = Сынып
roster-csv-school = Мектеп
roster-csv-status = Күйі
roster-csv-consent = Келісім
roster-csv-photo = Фото/бейне
roster-csv-health = Денсаулық туралы ескертпе
roster-csv-attended = Қатысуы
roster-csv-yes = иә
roster-csv-no = жоқ
