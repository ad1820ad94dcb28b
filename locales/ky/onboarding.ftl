## Onboarding: role and the pupil's profile

onboarding-role =
    Сиз кимсиз?

    Мугалимдер райондун координаторунун чакыруусу аркылуу кошулат — андагы шилтемени ачсаңыз болот.
onboarding-role-student = 🎒 Мен окуучумун
onboarding-role-guardian = 👪 Мен ата-энемин
onboarding-use-buttons = Баскычтардын бирин басыңызчы.
onboarding-text-expected = Жообуңду жөнөкөй текст менен жаз.
onboarding-first-name = Атың ким? Класстык журналда кандай жазылса, ошондой жаз.
onboarding-last-name = Фамилияң чы?
onboarding-name-empty = Жок дегенде бир тамга жаз.
onboarding-name-too-long = Өтө узун: 50 тамгадан ашпашы керек.
onboarding-name-not-letters = Тамгалар гана болсун: цифрасыз, смайликсиз, белгисиз. Дефис же бош орун болот.
onboarding-school = Кайсы мектепте окуйсуң? Аталышынын бир бөлүгүн же номерин жаз, мисалы «12» же «Айтматов».
onboarding-school-found = Мына булар табылды. Өз мектебиңди танда:
onboarding-school-none = «{ $query }» боюнча мектеп тапкан жокмун. Аталышынын башка бөлүгүн же номерин жазып көр. Мектебиң тизмеде жок болсо, класс жетекчиңе айт.
onboarding-school-search-again = 🔎 Кайра издөө
onboarding-grade = Канчанчы класста окуйсуң?
onboarding-grade-invalid = Багдар 5–11-класстардын окуучулары үчүн. Классыңды баскыч менен танда.
onboarding-class-letter = Классыңдын тамгасы кандай? Бир тамга жаз, мисалы А же Б.
onboarding-class-letter-invalid = Бир гана тамга керек, мисалы А, Б же B.
onboarding-confirm =
    Баары туурабы, текшерип чык:

    Аты: { $firstName }
    Фамилиясы: { $lastName }
    Мектеп: { $school }
    Класс: { $class }

    Бир нерсе туура эмес болсо, ошол талааны басып, оңдоп кой.
onboarding-fix-first-name = ✏️ Аты
onboarding-fix-last-name = ✏️ Фамилиясы
onboarding-fix-school = ✏️ Мектеп
onboarding-fix-grade = ✏️ Класс
onboarding-fix-class-letter = ✏️ Тамгасы
onboarding-confirm-yes = ✅ Баары туура
onboarding-student-done = Сонун, { $firstName }, баары даяр!
onboarding-guardian-done = Кош келиңиз! Бул жерде балаңыздын кесиптик сыноолоруна макулдук берип, эскертмелерди алып турасыз.
onboarding-later = Кийинчерээк
