## How a trial reads: kinds, formats, the card's fields, statuses

trial-kind-trial = Кәсіби сынама
trial-kind-excursion = Кәсіптік экскурсия
trial-kind-open_day = Ашық есік күні
trial-kind-master_class = Шебер сынып
trial-kind-meeting = Маманмен кездесу
trial-format-in_person = күндізгі (орнында)
trial-format-online = онлайн
trial-format-hybrid = орнында және онлайн
trial-online = онлайн
trial-grades = { $grades } сынып
trial-seats = бос орын: { $left } (барлығы { $capacity })
trial-field-directions = Бағыттар
trial-field-description = Не істейміз
trial-field-mentor = Тәлімгер
trial-field-escort = Мектептен ертіп баратын
trial-field-link = Сілтеме
trial-field-transport = Қалай жетуге болады
trial-field-bring = Өзіңмен бірге ал
trial-field-clothing = Киім
trial-field-ppe = Қорғаныс құралдары
trial-field-health = Денсаулыққа қатысты шектеулер
trial-field-risks = Қауіптер және оларды азайту жолы
trial-deadlines = ⏳ Жазылу { $signup } дейін. Ата-ана келісімі { $consent } дейін.

trial-status-draft = 📝 жоба
trial-status-published = 🟢 жарияланды
trial-status-cancelled = ⛔ тоқтатылды
trial-status-completed = ✔️ өтті

registration-status-pending_consent = ⏳ ата-ана келісімін күтуде
registration-status-waitlisted = 🕒 күту тізімінде
registration-status-confirmed = ✅ қатысу расталды
registration-status-declined = 🚫 ата-ана келіспеді
registration-status-expired = ⌛ келісім уақытында келмеді
registration-status-cancelled = ✖️ жазылу тоқтатылды
registration-status-attended = 🏅 қатысты
registration-status-no_show = ➖ келмеді

## Refusals

errors-signup-not-open = Бұл іс-шараға жазылу қазір жабық.
errors-signup-started = Бұл іс-шара басталып кетті, енді жазылу мүмкін емес.
errors-signup-deadline = Жазылу аяқталды. Каталогтан басқа сынамаларды қарап шық.
errors-signup-grade = Бұл іс-шара басқа сыныптарға арналған. Өз сыныбыңа арналған сынамалар каталогта бар.
errors-signup-school = Бұл сынама сенің мектебіңе ашық емес.
errors-signup-not-a-pupil = Сынамаларға мектебі мен сыныбын көрсеткен оқушылар ғана жазыла алады.
errors-signup-overlap = Бұл уақытта сенде басқа сынама бар. Осыған барғың келсе, алдымен «Менің сынамаларым» бөлімінде ана жазылуды тоқтат.
errors-signup-already = Сен бұған жазылып қойғансың. Бәрі сақталды, қайта ештеңе істеудің қажеті жоқ.
errors-trial-invalid = Бір өріс қате толтырылған. Күндер мен деректерді тексеріп, қайталап көріңіз.
errors-trial-closed = Бұл іс-шара тоқтатылған немесе өтіп кеткен, оны өзгертуге болмайды.
errors-trial-started = Іс-шара басталып кетті: енді оны өзгертуге де, жазылуды тоқтатуға да болмайды.
errors-trial-changed = Сіз өңдеп жатқанда іс-шара өзгерді. Оны қайта ашып, қайталаңыз.
errors-trial-not-draft = Бұл іс-шара жарияланып қойған немесе жабылған.
errors-registration-not-active = Бұл жазылу енді жарамсыз.
errors-registration-not-pending = Бұл жазылу енді келісім күтпейді.
errors-attendance-too-early = Қатысуды іс-шара басталғаннан кейін белгілеуге болады.
errors-attendance-no-consent = Қатысу тек қатысуы расталған оқушыларға белгіленеді.

## Messages about a trial that changed, sent through the outbox

trial-changed-pupil = ⚠️ «{ $title }» сынамасы өзгерді. Енді: { $when }, { $place }. Толығырақ «Менің сынамаларым» бөлімінде.
trial-changed-parent = ⚠️ { $child } қатысатын «{ $title }» іс-шарасы өзгерді. Енді: { $when }, { $place }.
trial-cancelled-pupil = ⛔ «{ $title }» сынамасы ({ $when }) тоқтатылды, жазылуың алынып тасталды. Каталогта басқа сынамалар бар — қарап шық!
trial-cancelled-parent = ⛔ «{ $title }» іс-шарасы ({ $when }) тоқтатылды. { $child } жазылуы алынып тасталды, ештеңе істеудің қажеті жоқ.
trial-promoted-pupil = 🎉 «{ $title }» сынамасында ({ $when }) орын босады, ол енді сенікі! Енді ата-анаңның келісімі керек.
trial-expired-pupil = ⌛ «{ $title }» сынамасына ата-ана келісімі уақытында келмеді, сондықтан жазылуың алынып тасталып, орын босатылды. Каталогта басқа сынамалар да бар.
trial-expired-parent = ⌛ { $child } үшін «{ $title }» іс-шарасына ({ $when }) келісім беру мерзімі өтті, орын босатылды.
