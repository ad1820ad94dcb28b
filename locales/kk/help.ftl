## Help and command menu

help-text =
    Бағдар мектеп оқушыларына кәсіп таңдауға көмектеседі.

    /start — бастау
    /language — тілді ауыстыру
    /help — осы анықтама
commands =
    .start = Бастау
    .language = Тілді ауыстыру
    .help = Анықтама
