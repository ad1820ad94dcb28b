## Consents: a parent's answers in the bot — the buttons on a consent request, the photo/video answer, health notes, /consents

consents-title = ✅ Сіздің келісімдеріңіз
consents-none = Сіз Бағдарда әлі ешбір балаға қосылмағансыз. Балаңыздан шақыру сілтемесін немесе кодын жіберуін сұраңыз, содан кейін «🔗 Баланың кодын енгізу» батырмасын басыңыз.
consents-child = 👤 { $child }
consents-personal-data = 🔒 Дербес деректер: { $state }
consents-pd-granted = Сіз келісім бердіңіз
consents-pd-refused = Сіз келіспедіңіз
consents-pd-withdrawn = Сіз келісімді кері қайтарып алдыңыз
consents-pd-none = әлі жауап жоқ
consents-photo = 📷 Фото және бейне: { $scope }
consents-photo-yours = (Сіздің жауабыңыз: { $scope }; басқа ата-ана қатаңырақ жауап берді, ал қатаңырақ жауап қолданылады)
consents-scope-publish = рұқсат, жариялауға да болады
consents-scope-portfolio = тек портфолио үшін, жарияланбайды
consents-scope-forbidden = рұқсат жоқ
consents-scope-withdrawn = келісім қайтарылды, сондықтан рұқсат жоқ
consents-scope-unknown = әлі жауап жоқ, сондықтан ештеңе жарияланбайды
consents-no-trials = 🎟 Алдағы сынамалар жоқ.
consents-trial = 🎟 «{ $title }», { $when }
consents-state-pending = ⏳ Сіздің жауабыңыз күтілуде (мерзімі: { $deadline })
consents-state-granted = ✅ Сіз келістіңіз, орын расталды
consents-state-confirmed-other = ✅ орын расталды: басқа ата-ана келісті
consents-state-waitlisted = 🕒 күту тізімінде: орын босаса, Сізге келісім сұрауы келеді

consents-photo-answer = 📷 Фото: { $child } — жауап беру
consents-photo-change = 📷 Фото: { $child } — жауапты өзгерту
consents-photo-withdraw = 🚫 Фото: { $child } — келісімді қайтару
consents-open = 📝 Оқып, шешім қабылдау: { $what }
consents-withdraw = ↩️ Келісімді қайтарып алу: { $what }
consents-health-add = 🩺 Денсаулық туралы: { $what }
consents-back = ⬅️ Келісімдерге оралу
consents-withdraw-yes = Иә, қайтарып аламын

consents-granted = ✅ Рақмет! { $child } «{ $title }» іс-шарасына қатыса алады. Орын расталды, балаға және педагогке хабарладық.
consents-granted-also = ✅ Рақмет, Сіздің келісіміңіз де жазылды. { $child }: «{ $title }» іс-шарасындағы орын бұрын расталған, басқа ата-ана ертерек келісті.
consents-health-offer = Педагог денсаулыққа байланысты шектеулерді (аллергия, демікпе не басқа) білуі керек болса, жазба қосыңыз: оны баланың педагогтері ғана көреді.
consents-health-button = 🩺 Денсаулық туралы жазба қосу
consents-refused = Қабылданды: { $child } «{ $title }» іс-шарасына қатыспайды. Орын босатылды, балаға және педагогке хабарладық.
consents-already = Сіздің жауабыңыз жазылып қойған.
consents-changed = ⚠️ Ол хабарлама жіберілгеннен кейін іс-шараның шарттары өзгерді. Төмендегі өзекті мәтінді оқып, қайта жауап беріңіз. Әзірге ештеңе жазылған жоқ.
consents-question-changed = ⚠️ Сұрақ содан бері өзгерді. Төмендегі өзекті нұсқаға жауап беріңіз. Әзірге ештеңе жазылған жоқ.

consents-photo-saved-publish = 📷 Жазылды. { $child }: суретке және бейнеге түсіруге, жариялауға болады.
consents-photo-saved-portfolio = 📁 Жазылды. { $child }: фото мен бейне тек портфолио үшін, олар жарияланбайды.
consents-photo-saved-forbidden = ⛔ Жазылды. { $child }: суретке де, бейнеге де түсірмейді.
consents-photo-stricter = Басқа ата-ана қатаңырақ жауап берді, ал қатаңырақ жауап қолданылады: { $scope }.
consents-photo-change-later = Бұл жауапты кез келген уақытта /consents арқылы өзгертуге болады.
consents-photo-withdraw-ask = { $child }: фото мен бейнеге берілген келісімді қайтарып аласыз ба? Содан кейін сынамаларда баланы суретке де, бейнеге де түсірмейді.
consents-photo-withdrawn = Дайын. { $child }: фото мен бейнеге келісім қайтарылды. Енді педагогтер баланың аты-жөнінің жанынан «суретке түсіруге болмайды» деген белгіні көреді.
consents-photo-nothing = { $child }: Сіз фотоға келісім бермегенсіз, қайтаратын ештеңе жоқ.

consents-withdraw-ask =
    { $child }: «{ $title }» ({ $when }) іс-шарасына қатысуға берілген келісімді қайтарып аласыз ба?

    Жазылу бірден тоқтатылады, орын басқа оқушыға беріледі, педагогке хабарланады.
consents-withdrawn = Келісім қайтарылды. { $child }: «{ $title }» іс-шарасына жазылу тоқтатылды, педагогке хабарланды.
consents-withdraw-nothing = Сіз бұл іс-шараға келісім бермегенсіз, қайтаратын ештеңе жоқ.

consents-health-skip = Өткізіп жіберу
consents-health-expected = Жазбаны мәтінмен жіберіңіз немесе «Өткізіп жіберу» батырмасын басыңыз.
consents-health-empty = Бірнеше сөз жазыңыз немесе «Өткізіп жіберу» батырмасын басыңыз.
consents-health-too-long = Тым ұзын: { $length } таңба, ал ең көбі — { $max }. Қысқарақ жазып көріңіз.
consents-health-saved = 🩺 Рақмет, жазба сақталды. Оны { $child } есімді баланың педагогтері ғана көреді.
consents-health-skipped = Жақсы, жазбасыз. Оны кейін /consents арқылы қосуға болады.
consents-health-needs-consent = Денсаулық туралы жазбаны іс-шараға қатысуға келісім бергеннен кейін қосуға болады.

errors-consent-stale = Бұл сұрау енді өзекті емес: іс-шара тоқтатылған не басталып кеткен болуы мүмкін, не жазылу тоқтатылған, не ол бойынша шешім қабылданып қойған. Ештеңе өзгерген жоқ. Өзекті жағдайды /consents командасы көрсетеді.
