## Common: errors and buttons shared by every feature

errors-generic = Кешіріңіз, бірдеңе дұрыс болмады. Сәл кейінірек қайталап көріңізші.
errors-unavailable = Қазір жүйе уақытша қолжетімсіз. Бір минуттан соң қайталап көріңізші, ештеңе жоғалған жоқ.
button-stale = Бұл батырма ескірген. Жаңасын алу үшін /start басыңыз.
unhandled-text = Түсінбедім. Не істей алатынымды /help көрсетеді.
errors-not-allowed = Кешіріңіз, бұл әрекет Сізге қолжетімсіз.
errors-not-found = Бұл енді жоқ. Өзекті мәзір — /menu.
errors-invalid-input = Деректерде бір қате бар. Қайталап көріңізші.
cancel-done = Тоқтатылды, ештеңе сақталған жоқ. Мәзір — /menu.
cancel-nothing = Тоқтататын ештеңе жоқ. Мәзір — /menu.
