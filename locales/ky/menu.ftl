## Main menu

menu-title = 🏠 Башкы меню
menu-role-student = 🎒 { $name }, { $class } класс, { $school }
menu-role-guardian = 👪 Ата-эне
menu-role-teacher = 🧑‍🏫 Кесипке багыттоочу мугалим, { $school }
menu-role-admin = ⚙️ Райондун координатору
menu-home = 🏠 Меню
menu-invite-parent = 👪 Ата-энени чакыруу
menu-my-parents = 👥 Ата-энем
menu-questionnaire = 📝 Кызыкчылык сурамжылоосу
menu-results = 📊 Менин жыйынтыктарым
menu-portfolio = 📁 Портфолио
menu-consents = ✅ Макулдуктар
menu-my-children = 👶 Балдарым
menu-enter-code = 🔗 Баланын кодун киргизүү
menu-broadcast = 📣 Билдирүү таратуу
menu-my-broadcasts = 📋 Билдирүүлөрүм
menu-reports = 📊 Отчеттор
menu-admin = ⚙️ Башкаруу
menu-language = 🌐 Тил
menu-privacy = 🔒 Менин маалыматым
menu-trials = 🔎 Сыноо табуу
menu-my-trials = 🎟 Менин сыноолорум
menu-school-trials = 🗂 Мектептин сыноолору
menu-new-trial = ➕ Жаңы сыноо
