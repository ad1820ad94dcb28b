## Broadcasts: a teacher's messages to the pupils and parents of the school

broadcast-expect-button = Төмендегі батырмалардың бірін таңдаңызшы.
broadcast-audience-ask = 📣 Жаңа хабарлама. 1/5-қадам: хабарламаны кімге жібереміз?
broadcast-audience-students = 🎒 Оқушыларға
broadcast-audience-guardians = 👪 Ата-аналарға
broadcast-audience-both = 🎒 Оқушылар мен 👪 ата-аналарға
broadcast-scope-ask = 2/5-қадам: бүкіл мектепке ме, әлде бір бөлігіне ме? Ата-аналар балаларының сыныбы бойынша таңдалады.
broadcast-scope-school = 🏫 Бүкіл мектепке
broadcast-scope-grade = Бір параллельге
broadcast-scope-class = Бір сыныпқа
broadcast-scope-trial = 🧪 Сынама қатысушыларына
broadcast-grade-ask = Параллельді таңдаңыз:
broadcast-grade-invalid = 5-тен 11-ге дейінгі параллельді батырмамен таңдаңыз.
broadcast-class-ask = Қай сыныпқа? Сыныпты басыңыз немесе жазыңыз, мысалы 9Б.
broadcast-class-ask-typed = Қай сыныпқа? Сыныпты жазыңыз, мысалы 9Б.
broadcast-class-invalid = 5-тен 11-ге дейінгі сынып нөмірі мен әрпін жазыңыз, мысалы 9Б.
broadcast-class-expected = Сыныпты басыңыз немесе жазыңыз, мысалы 9Б.
broadcast-trial-ask = Қай сынаманың қатысушыларына? Хабарламаны оған жазылған оқушылар алады, күту тізіміндегілер де.
broadcast-count =
    3/5-қадам. { $audience }.
    Қазір алушылар саны: { $total } (оқушылар: { $students }, ата-аналар: { $guardians }).
broadcast-count-none =
    { $audience }: әзірге жіберетін ешкім жоқ. Оқушылар мен ата-аналар Бағдарға қосылған соң осында көрінеді.
    Басқа алушыларды таңдаңызшы.
broadcast-count-continue = ✅ Жалғастыру
broadcast-count-change = ↩️ Алушыларды өзгерту
broadcast-text-ask = 4/5-қадам: хабарламаның мәтінін жіберіңіз, 4000 таңбаға дейін. Қалың қаріп, курсив, сілтемелер және басқа безендіру сақталады.
broadcast-text-expected = Хабарламаны мәтінмен жіберіңізші. Фото, стикер мен файлдарды әзірге таратуға болмайды.
broadcast-text-empty = Хабарлама бос. Мәтін жіберіңізші.
broadcast-text-too-long = Мұнда { $length } таңба бар, ал шегі — 4000. Мәтінді қысқартып, қайта жіберіңіз.
broadcast-text-too-long-formatted = Безендірумен бірге хабарлама Telegram үшін тым ұзын. Оны қысқартыңыз немесе безендірудің бір бөлігін алып тастап, қайта жіберіңіз.
broadcast-preview-intro = 5/5-қадам. Алушылар ({ $audience }) хабарламаны дәл осылай көреді:
broadcast-when-ask = Қашан жіберейік?
broadcast-when-now = ▶️ Қазір жіберу
broadcast-when-at = 🕒 Белгілі бір уақытта
broadcast-when-cron = 🔁 Кесте бойынша қайталау
broadcast-when-edit = ✏️ Мәтінді өзгерту
broadcast-cancel = ✖️ Болдырмау
broadcast-at-ask = Күні мен уақытын мектеп сағаты бойынша ({ $zone }) жазыңыз, мысалы { $example }. Келесі жылға болса, жылын қосыңыз: { $exampleYear }
broadcast-at-expected = Күні мен уақытын мәтінмен жазыңыз: жоғарыдағы мысалдағыдай күні, айы және уақыты.
broadcast-at-format = Түсіне алмадым. Күнін, айын және уақытын былай жазыңыз: { $example }
broadcast-at-no-such-date = Мұндай күн жоқ. Күні мен айын тексеріңіз.
broadcast-at-past = Бұл уақыт өтіп кетті. Алдағы уақытты көрсетіңіз; келесі жылға болса, жылын қосыңыз.
broadcast-at-too-far = Бұл бір жылдан да кейін. Алдағы он екі айдың ішіндегі күнді таңдаңыз.
broadcast-at-confirm =
    Кімге: { $audience }
    Жіберілетін уақыты: { $date }, сағат { $time } ({ $zone })
    Алушылар сол сәтте анықталады.

    Жоспарлайық па?
broadcast-confirm-yes = ✅ Жоспарлау
broadcast-confirm-change-time = ✏️ Уақытын өзгерту
broadcast-confirm-change-schedule = ✏️ Кестені өзгерту
broadcast-cron-ask =
    Кестені cron форматында жіберіңіз: минут, сағат, айдың күні, ай, аптаның күні. Уақыт мектеп сағаты бойынша ({ $zone }). Мысалдар:
    <code>0 9 * * 1</code> — әр дүйсенбі сайын, сағат 09:00
    <code>30 8 * * 1-5</code> — жұмыс күндері, сағат 08:30
    <code>0 18 1 * *</code> — әр айдың 1-күні, сағат 18:00
broadcast-cron-expected = Кестені мәтінмен жіберіңіз, мысалы: 0 9 * * 1
broadcast-cron-invalid = Кестені түсіне алмадым. Бос орынмен бөлінген бес өріс жіберіңіз, мысалы: 0 9 * * 1
broadcast-cron-seconds = Секунд керек емес: бес өріс жеткілікті, мысалы: 0 9 * * 1
broadcast-cron-too-often = Тым жиі: хабарлама сағатына бір реттен жиі қайталана алмайды. Басқа кесте жіберіңіз.
broadcast-cron-confirm =
    Кесте: { $schedule } ({ $zone })
    Алғаш рет: { $date }, сағат { $time }
    Кімге: { $audience }. Алушылар әр жіберер алдында қайта анықталады.

    Жоспарлайық па?
broadcast-dialog-cancelled = Тоқтатылды, ештеңе жіберілген жоқ. Мәзір — /menu.
broadcast-started = ✅ Тарату басталды. Хабарламалар біртіндеп жіберіледі; қаншасы жеткенін көру үшін 🔄 басыңыз.
broadcast-scheduled = ✅ Тарату жоспарланды. Оны осы жерден немесе «📋 Хабарламаларым» бөлімінен тоқтатуға болады.

broadcast-who-students = Оқушылар
broadcast-who-guardians = Ата-аналар
broadcast-who-both = Оқушылар мен ата-аналар
broadcast-scope-label-school = бүкіл мектеп
broadcast-scope-label-grade = { $grade }-сыныптар
broadcast-scope-label-class = { $class } сыныбы
broadcast-scope-label-trial = «{ $title }» сынамасы

broadcast-card-title = 📣 Кімге: { $audience }
broadcast-card-scheduled = 🗓 Жіберілетін уақыты: { $date }, сағат { $time }
broadcast-card-recurring = 🔁 Кесте: { $schedule }. Келесі жіберу: { $date }, сағат { $time }
broadcast-card-sending = 📤 Жіберіліп жатыр…
broadcast-card-done = ✅ Жіберілді: { $date }, сағат { $time }
broadcast-card-cancelled = ✖️ Тоқтатылды
broadcast-card-cancelled-recurring = ✖️ Тоқтатылды (кестесі: { $schedule })
broadcast-card-last-run = Соңғы жіберу: { $date }, сағат { $time }
broadcast-card-text = 💬 { $text }
broadcast-report = 📊 Жеткізу: барлығы { $total }, жіберілді { $sent }, қате { $failed }, ботты бұғаттағандар { $blocked }
broadcast-report-none = 📊 Әзірге ештеңе жіберілген жоқ.
broadcast-refresh = 🔄 Жаңарту
broadcast-cancel-button = ✖️ Таратуды тоқтату
broadcast-all = 📋 Барлық хабарламалар

broadcast-list-title = 📋 Мектебіңіздің хабарламалары, жаңалары басында:
broadcast-list-empty = Мектебіңізден әлі хабарлама таратылған жоқ. Алғашқысын жіберу үшін «📣 Хабарлама тарату» батырмасын басыңыз.
broadcast-list-line = { $number }. { $status } — { $audience }
broadcast-short-scheduled = 🗓 { $date }
broadcast-short-recurring = 🔁 { $schedule }
broadcast-short-sending = 📤 жіберіліп жатыр, { $total } ішінен { $sent }
broadcast-short-done = ✅ { $date }, { $total } ішінен { $sent } жетті
broadcast-short-cancelled = ✖️ тоқтатылды

broadcast-cancel-confirm =
    Бұл таратуды тоқтатайық па?
    Кімге: { $audience }
    Әлі кетпеген хабарламалар жіберілмейді.
broadcast-cancel-confirm-recurring =
    Бұл қайталанатын таратуды тоқтатайық па?
    Кімге: { $audience }
    Ол енді жіберілмейді, әлі кетпеген хабарламалар да жіберілмейді.
broadcast-cancel-yes = Иә, тоқтату
broadcast-cancel-no = Жоқ, қалдыру
broadcast-cancelled-notice = ✖️ Тарату тоқтатылды. Бұдан әрі ештеңе жіберілмейді.
errors-broadcast-finished = Бұл тарату аяқталған немесе тоқтатылған, тоқтататын ештеңе жоқ.

## Recurring schedules in words

broadcast-cron-and = және
broadcast-cron-raw = cron кестесі бойынша: { $expr }
broadcast-cron-every-minutes =
    { $count ->
        [one] әр минут сайын
       *[other] әр { $count } минут сайын
    }
broadcast-cron-every-hours =
    { $count ->
        [one] әр сағат сайын
       *[other] әр { $count } сағат сайын
    }
broadcast-cron-daily = күн сайын, сағат { $times }
broadcast-cron-weekdays = жұмыс күндері (дүйсенбі–жұма), сағат { $times }
broadcast-cron-weekends = сенбі мен жексенбі күндері, сағат { $times }
broadcast-cron-weekly = әр { $days } сайын, сағат { $times }
broadcast-cron-monthly = әр айдың { $day }-күні, сағат { $times }
broadcast-cron-monthly-last = әр айдың соңғы күні, сағат { $times }
broadcast-cron-day-0 = жексенбі
broadcast-cron-day-1 = дүйсенбі
broadcast-cron-day-2 = сейсенбі
broadcast-cron-day-3 = сәрсенбі
broadcast-cron-day-4 = бейсенбі
broadcast-cron-day-5 = жұма
broadcast-cron-day-6 = сенбі
