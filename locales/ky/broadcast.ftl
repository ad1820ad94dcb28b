## Broadcasts: a teacher's messages to the pupils and parents of the school

broadcast-expect-button = Төмөндөгү баскычтардын бирин тандаңызчы.
broadcast-audience-ask = 📣 Жаңы билдирүү. 1/5-кадам: билдирүүнү кимге жөнөтөбүз?
broadcast-audience-students = 🎒 Окуучуларга
broadcast-audience-guardians = 👪 Ата-энелерге
broadcast-audience-both = 🎒 Окуучуларга жана 👪 ата-энелерге
broadcast-scope-ask = 2/5-кадам: бүт мектепкеби же анын бир бөлүгүнөбү? Ата-энелер балдарынын классы боюнча тандалат.
broadcast-scope-school = 🏫 Бүт мектепке
broadcast-scope-grade = Бир параллелге
broadcast-scope-class = Бир класска
broadcast-scope-trial = 🧪 Сыноонун катышуучуларына
broadcast-grade-ask = Параллелди тандаңыз:
broadcast-grade-invalid = 5тен 11ге чейинки параллелди баскыч менен тандаңыз.
broadcast-class-ask = Кайсы класска? Классты басыңыз же жазыңыз, мисалы 9Б.
broadcast-class-ask-typed = Кайсы класска? Классты жазыңыз, мисалы 9Б.
broadcast-class-invalid = 5тен 11ге чейинки класстын номерин жана тамгасын жазыңыз, мисалы 9Б.
broadcast-class-expected = Классты басыңыз же жазыңыз, мисалы 9Б.
broadcast-trial-ask = Кайсы сыноонун катышуучуларына? Билдирүүнү ага жазылган окуучулар алышат, күтүү тизмесиндегилер да.
broadcast-count =
    3/5-кадам. { $audience }.
    Азыркы алуучулар: { $total } (окуучулар: { $students }, ата-энелер: { $guardians }).
broadcast-count-none =
    { $audience }: азырынча жөнөтө турган эч ким жок. Окуучулар жана ата-энелер Багдарга кошулгандан кийин бул жерде көрүнөт.
    Башка алуучуларды тандаңызчы.
broadcast-count-continue = ✅ Улантуу
broadcast-count-change = ↩️ Алуучуларды өзгөртүү
broadcast-text-ask = 4/5-кадам: билдирүүнүн текстин жөнөтүңүз, 4000 белгиге чейин. Калың шрифт, курсив, шилтемелер жана башка жасалгалар сакталат.
broadcast-text-expected = Билдирүүнү текст менен жөнөтүңүзчү. Сүрөт, стикер жана файлдарды азырынча таратууга болбойт.
broadcast-text-empty = Билдирүү бош. Текст жөнөтүңүзчү.
broadcast-text-too-long = Бул жерде { $length } белги бар, ал эми чеги — 4000. Текстти кыскартып, кайра жөнөтүңүз.
broadcast-text-too-long-formatted = Жасалгасы менен кошо билдирүү Telegram үчүн өтө узун. Аны кыскартыңыз же жасалганын бир бөлүгүн алып салып, кайра жөнөтүңүз.
broadcast-preview-intro = 5/5-кадам. Алуучулар ({ $audience }) билдирүүнү так ушундай көрүшөт:
broadcast-when-ask = Качан жөнөтөбүз?
broadcast-when-now = ▶️ Азыр жөнөтүү
broadcast-when-at = 🕒 Белгиленген убакта
broadcast-when-cron = 🔁 Жадыбал боюнча кайталоо
broadcast-when-edit = ✏️ Текстти өзгөртүү
broadcast-cancel = ✖️ Жокко чыгаруу
broadcast-at-ask = Күнүн жана убактысын мектептин сааты боюнча ({ $zone }) жазыңыз, мисалы { $example }. Кийинки жылга болсо, жылын кошуңуз: { $exampleYear }
broadcast-at-expected = Күнүн жана убактысын текст менен жазыңыз: жогорудагы мисалдагыдай күнү, айы жана убактысы.
broadcast-at-format = Түшүнө албадым. Күнүн, айын жана убактысын мындай жазыңыз: { $example }
broadcast-at-no-such-date = Мындай күн жок. Күнүн жана айын текшериңиз.
broadcast-at-past = Бул убакыт өтүп кетти. Алдыдагы убакытты көрсөтүңүз; кийинки жылга болсо, жылын кошуңуз.
broadcast-at-too-far = Бул бир жылдан да кийин. Алдыдагы он эки айдын ичиндеги күндү тандаңыз.
broadcast-at-confirm =
    Кимге: { $audience }
    Жөнөтүлө турган убактысы: { $date }, саат { $time } ({ $zone })
    Алуучулар ошол учурда аныкталат.

    Пландайлыбы?
broadcast-confirm-yes = ✅ Пландоо
broadcast-confirm-change-time = ✏️ Убактысын өзгөртүү
broadcast-confirm-change-schedule = ✏️ Жадыбалды өзгөртүү
broadcast-cron-ask =
    Жадыбалды cron форматында жөнөтүңүз: мүнөт, саат, айдын күнү, ай, аптанын күнү. Убакыт мектептин сааты боюнча ({ $zone }). Мисалдар:
    <code>0 9 * * 1</code> — ар дүйшөмбү сайын, саат 09:00
    <code>30 8 * * 1-5</code> — иш күндөрү, саат 08:30
    <code>0 18 1 * *</code> — ар айдын 1-күнү, саат 18:00
broadcast-cron-expected = Жадыбалды текст менен жөнөтүңүз, мисалы: 0 9 * * 1
broadcast-cron-invalid = Жадыбалды түшүнө албадым. Боштук менен бөлүнгөн беш талаа жөнөтүңүз, мисалы: 0 9 * * 1
broadcast-cron-seconds = Секунданын кереги жок: беш талаа жетиштүү, мисалы: 0 9 * * 1
broadcast-cron-too-often = Өтө көп: билдирүү саатына бир жолудан көп кайталана албайт. Башка жадыбал жөнөтүңүз.
broadcast-cron-confirm =
    Жадыбал: { $schedule } ({ $zone })
    Биринчи жолу: { $date }, саат { $time }
    Кимге: { $audience }. Алуучулар ар бир жөнөтүүнүн алдында кайра аныкталат.

    Пландайлыбы?
broadcast-dialog-cancelled = Токтотулду, эч нерсе жөнөтүлгөн жок. Меню — /menu.
broadcast-started = ✅ Таратуу башталды. Билдирүүлөр акырындап жөнөтүлөт; канчасы жеткенин көрүү үчүн 🔄 басыңыз.
broadcast-scheduled = ✅ Таратуу пландалды. Аны ушул жерден же «📋 Билдирүүлөрүм» бөлүмүнөн токтотсоңуз болот.

broadcast-who-students = Окуучулар
broadcast-who-guardians = Ата-энелер
broadcast-who-both = Окуучулар жана ата-энелер
broadcast-scope-label-school = бүт мектеп
broadcast-scope-label-grade = { $grade }-класстар
broadcast-scope-label-class = { $class } классы
broadcast-scope-label-trial = «{ $title }» сыноосу

broadcast-card-title = 📣 Кимге: { $audience }
broadcast-card-scheduled = 🗓 Жөнөтүлө турган убактысы: { $date }, саат { $time }
broadcast-card-recurring = 🔁 Жадыбал: { $schedule }. Кийинки жөнөтүү: { $date }, саат { $time }
broadcast-card-sending = 📤 Жөнөтүлүп жатат…
broadcast-card-done = ✅ Жөнөтүлдү: { $date }, саат { $time }
broadcast-card-cancelled = ✖️ Токтотулду
broadcast-card-cancelled-recurring = ✖️ Токтотулду (жадыбалы: { $schedule })
broadcast-card-last-run = Акыркы жөнөтүү: { $date }, саат { $time }
broadcast-card-text = 💬 { $text }
broadcast-report = 📊 Жеткирүү: бардыгы { $total }, жөнөтүлдү { $sent }, ката { $failed }, ботту бөгөттөгөндөр { $blocked }
broadcast-report-none = 📊 Азырынча эч нерсе жөнөтүлгөн жок.
broadcast-refresh = 🔄 Жаңылоо
broadcast-cancel-button = ✖️ Таратууну токтотуу
broadcast-all = 📋 Бардык билдирүүлөр

broadcast-list-title = 📋 Мектебиңиздин билдирүүлөрү, жаңылары башында:
broadcast-list-empty = Мектебиңизден азырынча билдирүү таратыла элек. Биринчисин жөнөтүү үчүн «📣 Билдирүү таратуу» баскычын басыңыз.
broadcast-list-line = { $number }. { $status } — { $audience }
broadcast-short-scheduled = 🗓 { $date }
broadcast-short-recurring = 🔁 { $schedule }
broadcast-short-sending = 📤 жөнөтүлүүдө, { $total } ичинен { $sent }
broadcast-short-done = ✅ { $date }, { $total } ичинен { $sent } жетти
broadcast-short-cancelled = ✖️ токтотулду

broadcast-cancel-confirm =
    Бул таратууну токтотолубу?
    Кимге: { $audience }
    Али кете элек билдирүүлөр жөнөтүлбөйт.
broadcast-cancel-confirm-recurring =
    Бул кайталануучу таратууну токтотолубу?
    Кимге: { $audience }
    Ал мындан ары жөнөтүлбөйт, али кете элек билдирүүлөр да жөнөтүлбөйт.
broadcast-cancel-yes = Ооба, токтотуу
broadcast-cancel-no = Жок, калтыруу
broadcast-cancelled-notice = ✖️ Таратуу токтотулду. Мындан ары эч нерсе жөнөтүлбөйт.
errors-broadcast-finished = Бул таратуу бүткөн же токтотулган, токтотуучу эч нерсе жок.

## Recurring schedules in words

broadcast-cron-and = жана
broadcast-cron-raw = cron жадыбалы боюнча: { $expr }
broadcast-cron-every-minutes =
    { $count ->
        [one] ар мүнөт сайын
       *[other] ар { $count } мүнөт сайын
    }
broadcast-cron-every-hours =
    { $count ->
        [one] ар саат сайын
       *[other] ар { $count } саат сайын
    }
broadcast-cron-daily = күн сайын, саат { $times }
broadcast-cron-weekdays = иш күндөрү (дүйшөмбү–жума), саат { $times }
broadcast-cron-weekends = ишемби жана жекшемби күндөрү, саат { $times }
broadcast-cron-weekly = ар { $days } сайын, саат { $times }
broadcast-cron-monthly = ар айдын { $day }-күнү, саат { $times }
broadcast-cron-monthly-last = ар айдын акыркы күнү, саат { $times }
broadcast-cron-day-0 = жекшемби
broadcast-cron-day-1 = дүйшөмбү
broadcast-cron-day-2 = шейшемби
broadcast-cron-day-3 = шаршемби
broadcast-cron-day-4 = бейшемби
broadcast-cron-day-5 = жума
broadcast-cron-day-6 = ишемби
