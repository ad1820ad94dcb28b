## How a trial reads: kinds, formats, the card's fields, statuses

trial-kind-trial = Кесиптик сыноо
trial-kind-excursion = Кесиптик экскурсия
trial-kind-open_day = Ачык эшиктер күнү
trial-kind-master_class = Чебер-класс
trial-kind-meeting = Адис менен жолугушуу
trial-format-in_person = жеринде
trial-format-online = онлайн
trial-format-hybrid = жеринде жана онлайн
trial-online = онлайн
trial-grades = { $grades }-класс
trial-seats = бош орун: { $left } (бардыгы { $capacity })
trial-field-directions = Багыттар
trial-field-description = Эмне кылабыз
trial-field-mentor = Насаатчы
trial-field-escort = Мектептен коштоп баруучу
trial-field-link = Шилтеме
trial-field-transport = Кантип жетсе болот
trial-field-bring = Өзүң менен ал
trial-field-clothing = Кийим
trial-field-ppe = Коргоочу каражаттар
trial-field-health = Ден соолукка байланыштуу чектөөлөр
trial-field-risks = Тобокелдиктер жана аларды азайтуу
trial-deadlines = ⏳ Катталуу { $signup } чейин. Ата-эненин макулдугу { $consent } чейин.

trial-status-draft = 📝 долбоор
trial-status-published = 🟢 жарыяланды
trial-status-cancelled = ⛔ жокко чыгарылды
trial-status-completed = ✔️ өттү

registration-status-pending_consent = ⏳ ата-эненин макулдугун күтүүдө
registration-status-waitlisted = 🕒 күтүү тизмесинде
registration-status-confirmed = ✅ катышуу ырасталды
registration-status-declined = 🚫 ата-эне макул болгон жок
registration-status-expired = ⌛ макулдук өз убагында келген жок
registration-status-cancelled = ✖️ катталуу жокко чыгарылды
registration-status-attended = 🏅 катышты
registration-status-no_show = ➖ келген жок

## Refusals

errors-signup-not-open = Бул иш-чарага катталуу азыр жабык.
errors-signup-started = Бул иш-чара башталып калды, эми катталууга болбойт.
errors-signup-deadline = Катталуу бүттү. Каталогдон башка сыноолорду карап көр.
errors-signup-grade = Бул иш-чара башка класстар үчүн. Өз классыңа ылайыктуу сыноолор каталогдо бар.
errors-signup-school = Бул сыноо сенин мектебиң үчүн ачык эмес.
errors-signup-not-a-pupil = Сыноолорго мектебин жана классын көрсөткөн окуучулар гана каттала алат.
errors-signup-overlap = Бул убакта сенде башка сыноо бар. Буга баргың келсе, адегенде «Менин сыноолорум» бөлүмүнөн тигил катталууну жокко чыгар.
errors-signup-already = Сен буга катталып койгонсуң. Баары сакталды, кайра эч нерсе кылуунун кереги жок.
errors-trial-invalid = Бир талаа туура эмес толтурулган. Даталарды жана маалыматтарды текшерип, кайра аракет кылыңыз.
errors-trial-closed = Бул иш-чара жокко чыгарылган же өтүп кеткен, аны өзгөртүүгө болбойт.
errors-trial-started = Иш-чара башталып калды: эми аны өзгөртүүгө да, катталууну жокко чыгарууга да болбойт.
errors-trial-changed = Сиз оңдоп жатканда иш-чара өзгөрдү. Аны кайра ачып, кайталаңыз.
errors-trial-not-draft = Бул иш-чара жарыяланып койгон же жабылган.
errors-registration-not-active = Бул катталуу мындан ары жараксыз.
errors-registration-not-pending = Бул катталуу эми макулдукту күтпөйт.
errors-attendance-too-early = Катышууну иш-чара башталгандан кийин белгилөөгө болот.
errors-attendance-no-consent = Катышуу катышуусу ырасталган окуучуларга гана белгиленет.

## Messages about a trial that changed, sent through the outbox

trial-changed-pupil = ⚠️ «{ $title }» сыноосу өзгөрдү. Эми: { $when }, { $place }. Толук маалымат «Менин сыноолорум» бөлүмүндө.
trial-changed-parent = ⚠️ { $child } катышчу «{ $title }» иш-чарасы өзгөрдү. Эми: { $when }, { $place }.
trial-cancelled-pupil = ⛔ «{ $title }» сыноосу ({ $when }) жокко чыгарылды, катталууң өчүрүлдү. Каталогдо башка сыноолор бар — карап көр!
trial-cancelled-parent = ⛔ «{ $title }» иш-чарасы ({ $when }) жокко чыгарылды. { $child } катталуусу өчүрүлдү, эч нерсе кылуунун кереги жок.
trial-promoted-pupil = 🎉 «{ $title }» сыноосунда ({ $when }) орун бошоду, ал эми сеники! Эми ата-энеңдин макулдугу керек.
trial-expired-pupil = ⌛ «{ $title }» сыноосуна ата-эненин макулдугу өз убагында келген жок, ошондуктан катталууң өчүрүлүп, орун бошотулду. Каталогдо башка сыноолор да бар.
trial-expired-parent = ⌛ { $child } үчүн «{ $title }» иш-чарасына ({ $when }) макулдук берүү мөөнөтү өттү, орун бошотулду.
