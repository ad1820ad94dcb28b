## Help and command menu

help-text =
    Багдар мектеп окуучуларына кесип тандоого жардам берет.

    /start — баштоо
    /language — тилди алмаштыруу
    /help — ушул маалымат
commands =
    .start = Баштоо
    .language = Тилди алмаштыруу
    .help = Жардам
