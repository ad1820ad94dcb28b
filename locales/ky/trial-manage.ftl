## The school's trials: list, card, publish, cancel (teacher)

trial-manage-list-title = 🗂 Мектебиңиздин сыноолору
trial-manage-list-empty = Мектебиңизде азырынча сыноо жок. Биринчисин түзүңүз — болжол менен беш мүнөт кетет.
trial-manage-fill = 🪑 { $taken }/{ $capacity }
trial-manage-waiting = 🕒 күтүүдө: { $count }
trial-manage-schools = 🏫 Бул мектептердин окуучуларына ачык: { $schools }
trial-manage-share = 🔗 Окуучуларга жөнөтө турган шилтеме: { $link }
trial-manage-roster = 👥 Тизме
trial-manage-publish = 🚀 Жарыялоо
trial-manage-edit = ✏️ Өзгөртүү
trial-manage-copy = 📄 Көчүрмөсүн түзүү
trial-manage-cancel = ⛔ Сыноону жокко чыгаруу
trial-manage-all = ↩️ Бардык сыноолор
trial-manage-cancel-confirm =
    ⛔ «{ $title }» жокко чыгарылсынбы?
    Бардык { $count } катталуу жокко чыгарылат, ал эми окуучулар жана алардын ата-энелери дароо билдирүү алышат. Муну кийин кайтаруу мүмкүн эмес.
trial-manage-cancel-confirm-empty =
    ⛔ «{ $title }» жокко чыгарылсынбы?
    Азырынча эч ким катталган жок. Муну кийин кайтаруу мүмкүн эмес.
trial-manage-cancel-yes = ⛔ Ооба, жокко чыгаруу
trial-manage-cancel-no = ↩️ Жок, калсын
trial-manage-published = 🚀 Жарыяланды! Окуучулар аны каталогдон көрө алышат.
trial-manage-fix-first = «✏️ Өзгөртүү» баскычын басып, оңдоп, андан кийин жарыялаңыз.
trial-manage-cancelled = ⛔ Сыноо жокко чыгарылды. Жокко чыгарылган катталуулар: { $count }. Окуучуларга жана ата-энелерге жөнөтүлгөн билдирүүлөр: { $notified }.
