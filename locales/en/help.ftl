## Help and command menu

help-text =
    Bagdar helps school pupils choose a career.

    /start — get started
    /language — change the language
    /help — this help
commands =
    .start = Get started
    .language = Change the language
    .help = Help
