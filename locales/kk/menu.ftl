## Main menu

menu-title = 🏠 Басты мәзір
menu-role-student = 🎒 { $name }, { $class } сынып, { $school }
menu-role-guardian = 👪 Ата-ана
menu-role-teacher = 🧑‍🏫 Кәсіби бағдар педагогі, { $school }
menu-role-admin = ⚙️ Аудан үйлестірушісі
menu-home = 🏠 Мәзір
menu-invite-parent = 👪 Ата-ананы шақыру
menu-my-parents = 👥 Ата-анам
menu-questionnaire = 📝 Қызығушылық сауалнамасы
menu-results = 📊 Менің нәтижелерім
menu-portfolio = 📁 Портфолио
menu-consents = ✅ Келісімдер
menu-my-children = 👶 Балаларым
menu-enter-code = 🔗 Баланың кодын енгізу
menu-broadcast = 📣 Хабарлама тарату
menu-my-broadcasts = 📋 Хабарламаларым
menu-reports = 📊 Есептер
menu-admin = ⚙️ Әкімшілік
menu-language = 🌐 Тіл
menu-privacy = 🔒 Менің деректерім
menu-trials = 🔎 Сынама табу
menu-my-trials = 🎟 Менің сынамаларым
menu-school-trials = 🗂 Мектеп сынамалары
menu-new-trial = ➕ Жаңа сынама
