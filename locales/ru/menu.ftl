## Main menu

menu-title = 🏠 Главное меню
menu-role-student = 🎒 { $name }, { $class } класс, { $school }
menu-role-guardian = 👪 Родитель
menu-role-teacher = 🧑‍🏫 Педагог-профориентатор, { $school }
menu-role-admin = ⚙️ Координатор района
menu-home = 🏠 Меню
menu-invite-parent = 👪 Пригласить родителя
menu-my-parents = 👥 Мои родители
menu-questionnaire = 📝 Опросник интересов
menu-results = 📊 Мои результаты
menu-portfolio = 📁 Портфолио
menu-consents = ✅ Согласия
menu-my-children = 👶 Мои дети
menu-enter-code = 🔗 Ввести код ребёнка
menu-broadcast = 📣 Рассылка
menu-my-broadcasts = 📋 Мои рассылки
menu-reports = 📊 Отчёты
menu-admin = ⚙️ Администрирование
menu-language = 🌐 Язык
menu-privacy = 🔒 Мои данные
menu-trials = 🔎 Найти пробу
menu-my-trials = 🎟 Мои пробы
menu-school-trials = 🗂 Пробы школы
menu-new-trial = ➕ Новая проба
