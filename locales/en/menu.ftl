## Main menu

menu-title = 🏠 Main menu
menu-role-student = 🎒 { $name }, class { $class }, { $school }
menu-role-guardian = 👪 Parent
menu-role-teacher = 🧑‍🏫 Career guidance teacher, { $school }
menu-role-admin = ⚙️ District coordinator
menu-home = 🏠 Menu
menu-invite-parent = 👪 Invite a parent
menu-my-parents = 👥 My parents
menu-questionnaire = 📝 Interest questionnaire
menu-results = 📊 My results
menu-portfolio = 📁 Portfolio
menu-consents = ✅ Consents
menu-my-children = 👶 My children
menu-enter-code = 🔗 Enter a child's code
menu-broadcast = 📣 Broadcast
menu-my-broadcasts = 📋 My broadcasts
menu-reports = 📊 Reports
menu-admin = ⚙️ Administration
menu-language = 🌐 Language
menu-privacy = 🔒 My data
menu-trials = 🔎 Find a trial
menu-my-trials = 🎟 My trials
menu-school-trials = 🗂 School trials
menu-new-trial = ➕ New trial
