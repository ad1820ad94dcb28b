## Onboarding: role and the pupil's profile

onboarding-role =
    Сіз кімсіз?

    Педагогтер аудан үйлестірушісінің шақыруы арқылы қосылады — жай ғана ондағы сілтемені ашыңыз.
onboarding-role-student = 🎒 Мен оқушымын
onboarding-role-guardian = 👪 Мен ата-анамын
onboarding-use-buttons = Батырмалардың бірін басыңызшы.
onboarding-text-expected = Жауабыңды қарапайым мәтінмен жаз.
onboarding-first-name = Атың кім? Сынып журналында қалай жазылса, солай жаз.
onboarding-last-name = Тегің ше?
onboarding-name-empty = Кем дегенде бір әріп жаз.
onboarding-name-too-long = Тым ұзын: 50 әріптен аспауы керек.
onboarding-name-not-letters = Тек әріптер, өтінемін: цифрсыз, смайликсіз, таңбасыз. Сызықша немесе бос орын болады.
onboarding-school = Қай мектепте оқисың? Атауының бір бөлігін немесе нөмірін жаз, мысалы «12» немесе «Абай».
onboarding-school-found = Мына мектептер табылды. Өз мектебіңді таңда:
onboarding-school-none = «{ $query }» бойынша мектеп таппадым. Атауының басқа бөлігін немесе нөмірін жазып көр. Мектебің тізімде болмаса, сынып жетекшіңе айт.
onboarding-school-search-again = 🔎 Қайта іздеу
onboarding-grade = Нешінші сыныпта оқисың?
onboarding-grade-invalid = Бағдар 5–11 сынып оқушыларына арналған. Сыныбыңды батырмамен таңда.
onboarding-class-letter = Сыныбыңның әрпі ше? Бір әріп жаз, мысалы А немесе Ә.
onboarding-class-letter-invalid = Бір ғана әріп керек, мысалы А, Ә немесе B.
onboarding-confirm =
    Бәрі дұрыс па, тексеріп шық:

    Аты: { $firstName }
    Тегі: { $lastName }
    Мектеп: { $school }
    Сынып: { $class }

    Бірдеңе қате болса, сол өрісті басып, түзете сал.
onboarding-fix-first-name = ✏️ Аты
onboarding-fix-last-name = ✏️ Тегі
onboarding-fix-school = ✏️ Мектеп
onboarding-fix-grade = ✏️ Сынып
onboarding-fix-class-letter = ✏️ Әрпі
onboarding-confirm-yes = ✅ Бәрі дұрыс
onboarding-student-done = Керемет, { $firstName }, бәрі дайын!
onboarding-guardian-done = Қош келдіңіз! Мұнда баланың кәсіби сынамаларына келісім беріп, еске салғыштар алып отырасыз.
onboarding-later = Кейінірек
