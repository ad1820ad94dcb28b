## Help and command menu

help-text =
    Багдар помогает школьникам выбрать профессию.

    /start — начать
    /language — сменить язык
    /help — эта справка
commands =
    .start = Начать
    .language = Сменить язык
    .help = Справка
