## Сынамадан кейінгі рефлексия: бір сағаттан соң «кейін» сұрақтары, бір күннен соң «із» және ата-анаға қысқа хабар

reflection-start = ✍️ Бастау
reflection-after-prompt =
    👋 «{ $title }» кәсіби сынамасы қалай өтті?
    Бірнеше минутта айтып берші: не істедің, қандай әсер алдың? Дұрыс не бұрыс жауап жоқ, ал «бұл менікі емес» деген де — құнды жаңалық.
reflection-trace-prompt =
    🔎 «{ $title }» сынамасынан кейін бір күн өтті. Тағы бір рет еске түсірейік: есіңде не қалды? Бес қысқа сұрақ, тек соңғысы міндетті.
reflection-after-already = Бұл рефлексия толтырылып қойған. Рақмет! Жауаптарың /portfolio ішінде.
reflection-trace-already = Бұл сынама туралы сұрақтарға жауаптарың сақталған. Рақмет!
reflection-after-intro =
    ✍️ Рефлексия: «{ $title }»
    Өз сөзіңмен, шынын жаз. Бұл жұмыс саған сай емес екенін түсінсең — бұл да жақсы нәтиже: енді өзіңді жақсырақ білесің. Көп сұрақты өткізіп жіберуге болады; /cancel сақтамай тоқтатады.
reflection-trace-intro =
    🔎 «{ $title }» сынамасын еске түсірейік
    Ойыңа келгенін жаз, қысқа болса да жетеді. /cancel сақтамай тоқтатады.

reflection-after-q-didWhat = 1/6. Сынамада нақты не істедің? Екі-үш сөйлеммен жаз.
reflection-after-q-wentWell = 2/6. Не жақсы шықты және сенің ойыңша, неге?
reflection-after-q-hardHow = 3/6. Не қиын болды және оны қалай шештің?
reflection-after-q-demands = 4/6. Бұл мамандық адамнан не талап етеді? Нені байқадың?
reflection-after-q-aboutMe = 5/6. Өзің туралы не түсіндің?
reflection-after-q-continue = 6/6. Осы саламен танысуды жалғастырғың келе ме, қалай? «Жоқ, бұл менікі емес» деген де жақсы жауап.

reflection-trace-q-new = 1/5. Сен үшін не жаңа болды?
reflection-trace-q-easyHard = 2/5. Не оңай болды, не қиын болды?
reflection-trace-q-suits = 3/5. Бұл мамандықтың қандай талаптары саған қолайлы?
reflection-trace-q-doubts = 4/5. Не күмән тудырады?
reflection-trace-q-nextStep = 5/5. Келесі қадамың қандай? Мысалы: тағы бір сынама, мамандық туралы оқу, осы салада істейтін адаммен сөйлесу немесе басқа сала таңдау.

reflection-skip = ⏭ Өткізіп жіберу
reflection-yes = Иә
reflection-no = Жоқ
reflection-unsure = Білмеймін
reflection-expected-text = Өз сөзіңмен хабарлама етіп жауап берші.
reflection-expected-text-or-skip = Хабарлама етіп жауап бер немесе «⏭ Өткізіп жіберу» түймесін бас.
reflection-expected-button = Түймелердің бірін таңдашы.
reflection-expected-artifact = Фото не файл жібер, болмаса «Жоқ, қосатын ештеңе жоқ» түймесін бас.
reflection-text-empty = Жауап бос. Бір-екі сөз болса да жазшы.
reflection-text-too-long = Мұнда { $length } таңба, ал { $max } таңбадан аспауы керек. Қысқартшы.

reflection-after-liked = Саған ұнады ма?
reflection-after-would-choose = Бұл мамандықты өзіңе таңдар ма едің?
reflection-after-useful = Сынама саған пайдалы болды ма?
reflection-after-rating = Бұл сынаманы жалпы қалай бағалайсың: 1-ден (нашар) 5-ке (өте жақсы) дейін?

reflection-self-task = Өзіңді 1-ден 3-ке дейін бағала. Тапсырманы түсіндің бе?
reflection-self-procedure = Әрекеттердің ретін сақтай алдың ба?
reflection-self-accuracy = Қаншалықты дәл жұмыс істедің?
reflection-self-communication = Тәлімгермен және басқалармен қалай сөйлестің?
reflection-self-safety = Қауіпсіздік ережелерін сақтадың ба?
reflection-score-1 = 1 · әзірге жоқ
reflection-score-2 = 2 · ішінара
reflection-score-3 = 3 · иә

reflection-after-interest = Бұл сала саған қазір қаншалықты қызық: 1-ден (мүлде емес) 5-ке (өте қызық) дейін?
reflection-interest-1 = 1
reflection-interest-2 = 2
reflection-interest-3 = 3
reflection-interest-4 = 4
reflection-interest-5 = 5

reflection-after-artifact = 📎 Жұмысыңның фотосы не файлы (есеп, сурет, чек-парақ) бар ма? Осында жібер. Жоқ болса, түймені бас.
reflection-artifact-none = Жоқ, қосатын ештеңе жоқ
reflection-after-portfolio = Мұны портфолиоңа қосайық па? Мұны тек өзің шешесің.
reflection-after-share = Бірінші сұраққа берген жауабыңды — сынамада не істегеніңді — ата-анаңа көрсетуге бола ма? Болмаса, олар тек қысқа жалпы хабар алады.

reflection-after-saved = ✅ Сақталды. Шын жауаптарың үшін рақмет! Не білсең де, бұл таңдауға көмектеседі. Ертең тағы бірнеше қысқа сұрақ қоямын.
reflection-trace-saved = ✅ Портфолиоға сақталды. Келесі қадамыңа сәттілік!

errors-reflection-not-attended = Бұл рефлексия сынамаға қатысқандарға арналған.
errors-reflection-done = Бұл сақталып қойған. Рақмет!

reflection-parent-summary =
    📋 Кәсіби сынама қалай өтті: { $child }
    «{ $title }», { $when }
    Қайда: { $organisation }
    Тәлімгер: { $mentor }
    { $shared ->
        [yes] Баланың өз сөзімен, не істегені: «{ $did }»
       *[no] Бала тәлімгермен бірге осы мамандықтың жұмысын іс жүзінде байқап көрді.
    }

    Қаласаңыз, келесі қадамдар:
    • үйде не ұнағанын және не қиын болғанын әңгімелесіңіз;
    • Bagdar-дағы қызығушылық сауалнамасын бірге өтіңіз;
    • Bagdar-дағы басқа кәсіби сынамаларды қараңыз;
    • осы бағыттағы колледждің ашық есік күніне барыңыз.
