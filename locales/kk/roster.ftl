## Roster: a trial's pupils for the teacher, with consent, photo rules, health notes and attendance

roster-title = 📋 Қатысушылар тізімі: «{ $title }»
roster-fill = 🪑 Бос емес орын: { $taken } (барлығы { $capacity })
roster-counts = ✅ Расталды: { $confirmed } · ⏳ Келісім күтуде: { $pending } · 🕒 Күту тізімінде: { $waiting }
roster-photo-warning = ⛔ Суретке және бейнеге түсіруге болмайтын оқушылар: { $count }. Олар төменде белгіленген.
roster-portfolio-warning = 📁 Фотосы мен бейнесі тек портфолио үшін болатын оқушылар: { $count }. Оларды еш жерде жарияламаңыз.
roster-empty = Әзірге ешкім жазылған жоқ.
roster-waitlist-title = 🕒 Күту тізімі:
roster-waitlist-place = { $status }, кезектегі орны: { $position }
roster-page = Бет { $page } / { $pages }

roster-consent-line = 📝 Келісім: { $state }
roster-consent-granted = ата-ана берді
roster-consent-refused = ата-ана келіспеді
roster-consent-withdrawn = ата-ана кері қайтарып алды
roster-consent-pending = әлі келген жоқ

roster-photo-line = 📷 Фото және бейне: { $scope }
roster-photo-forbidden-line = ⛔ БҰЛ ОҚУШЫНЫ СУРЕТКЕ ЖӘНЕ БЕЙНЕГЕ ТҮСІРУГЕ БОЛМАЙДЫ
roster-photo-portfolio-line = 📁 ТЕК ПОРТФОЛИО ҮШІН: бұл оқушының фотосы мен бейнесін жариялауға болмайды
roster-photo-publish = рұқсат, жариялауға да болады
roster-photo-portfolio = тек портфолио үшін, жарияламаңыз
roster-photo-forbidden = тыйым салынған
roster-photo-unknown = ата-ана әлі жауап бермеді, жарияламаңыз

roster-consent-hint = ⏳ Ата-аналар келісім сұрауына Бағдарда жауап береді, ал олардың жауаптары осында бірден көрінеді. Соңғысын көру үшін «🔄 Жаңарту» батырмасын басыңыз.
roster-attendance-hint = Кім келгенін белгілеңіз: ✅ келді, ❌ келмеді. Қате басылса, екінші түймемен түзетуге болады.

roster-present-button = ✅ { $name }
roster-absent-button = ❌
roster-csv-button = 📄 CSV
roster-refresh = 🔄 Жаңарту
roster-back = ↩️ Артқа

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

roster-evidence-button = 🧾 Келісімдер журналы (CSV)
roster-evidence-caption = 🧾 «{ $title }» ({ $when }) бойынша келісім жазбалары: { $count }. Әрқайсысында мәтін нұсқасы және ата-ана көрген мәтіннің SHA-256 хэші бар.
evidence-csv-child = Бала
evidence-csv-class = Сынып
evidence-csv-guardian = Ата-ана
evidence-csv-kind = Келісім
evidence-csv-decision = Шешім
evidence-csv-photo = Фото/бейне
evidence-csv-time = Уақыт (мектептің уақыт белдеуі)
evidence-csv-locale = Тіл
evidence-csv-version = Мәтін нұсқасы
evidence-csv-sha256 = Мәтіннің SHA-256 хэші
evidence-kind-participation = қатысу
evidence-kind-photo = фото және бейне
evidence-kind-personal-data = дербес деректер
evidence-decision-granted = келісті
evidence-decision-refused = келіспеді
evidence-decision-withdrawn = қайтарып алды
