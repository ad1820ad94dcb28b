## The school's trials: list, card, publish, cancel (teacher)

trial-manage-list-title = 🗂 Мектебіңіздің сынамалары
trial-manage-list-empty = Мектебіңізде әзірге сынама жоқ. Алғашқысын жасаңыз — шамамен бес минут кетеді.
trial-manage-fill = 🪑 { $taken }/{ $capacity }
trial-manage-waiting = 🕒 күтуде: { $count }
trial-manage-schools = 🏫 Мына мектептердің оқушыларына ашық: { $schools }
trial-manage-share = 🔗 Оқушыларға жіберуге болатын сілтеме: { $link }
trial-manage-roster = 👥 Тізім
trial-manage-publish = 🚀 Жариялау
trial-manage-edit = ✏️ Өзгерту
trial-manage-copy = 📄 Көшірме жасау
trial-manage-cancel = ⛔ Сынаманы тоқтату
trial-manage-all = ↩️ Барлық сынамалар
trial-manage-cancel-confirm =
    ⛔ «{ $title }» тоқтатылсын ба?
    Барлық { $count } жазылу жойылады, ал оқушылар мен олардың ата-аналары бірден хабарлама алады. Мұны кейін қайтару мүмкін емес.
trial-manage-cancel-confirm-empty =
    ⛔ «{ $title }» тоқтатылсын ба?
    Әзірге ешкім жазылған жоқ. Мұны кейін қайтару мүмкін емес.
trial-manage-cancel-yes = ⛔ Иә, тоқтату
trial-manage-cancel-no = ↩️ Жоқ, қалсын
trial-manage-published = 🚀 Жарияланды! Оқушылар оны каталогтан көре алады.
trial-manage-fix-first = «✏️ Өзгерту» батырмасын басып, түзетіңіз, содан кейін жариялаңыз.
trial-manage-cancelled = ⛔ Сынама тоқтатылды. Жойылған жазылулар: { $count }. Оқушылар мен ата-аналарға жіберілген хабарламалар: { $notified }.
