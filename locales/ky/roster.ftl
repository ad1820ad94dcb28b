## Roster: a trial's pupils for the teacher, with consent, photo rules, health notes and attendance

roster-title = 📋 Катышуучулардын тизмеси: «{ $title }»
roster-fill = 🪑 Ээленген орун: { $taken } (бардыгы { $capacity })
roster-counts = ✅ Ырасталды: { $confirmed } · ⏳ Макулдук күтүүдө: { $pending } · 🕒 Күтүү тизмесинде: { $waiting }
roster-photo-warning = ⛔ Сүрөткө жана видеого тартууга болбогон окуучулар: { $count }. Алар төмөндө белгиленген.
roster-portfolio-warning = 📁 Сүрөтү жана видеосу портфолио үчүн гана болгон окуучулар: { $count }. Аларды эч жерде жарыялабаңыз.
roster-empty = Азырынча эч ким катталган жок.
roster-waitlist-title = 🕒 Күтүү тизмеси:
roster-waitlist-place = { $status }, кезектеги орду: { $position }
roster-page = Барак { $page } / { $pages }

roster-consent-line = 📝 Макулдук: { $state }
roster-consent-granted = ата-эне берди
roster-consent-refused = ата-эне макул болгон жок
roster-consent-withdrawn = ата-эне кайтарып алды
roster-consent-pending = азырынча келе элек

roster-photo-line = 📷 Сүрөт жана видео: { $scope }
roster-photo-forbidden-line = ⛔ БУЛ ОКУУЧУНУ СҮРӨТКӨ ЖАНА ВИДЕОГО ТАРТУУГА БОЛБОЙТ
roster-photo-portfolio-line = 📁 ПОРТФОЛИО ҮЧҮН ГАНА: бул окуучунун сүрөтүн жана видеосун жарыялоого болбойт
roster-photo-publish = уруксат, жарыялоого да болот
roster-photo-portfolio = портфолио үчүн гана, жарыялабаңыз
roster-photo-forbidden = тыюу салынган
roster-photo-unknown = ата-эне азырынча жооп бере элек, жарыялабаңыз

roster-consent-hint = ⏳ Ата-энелер макулдук суроосуна Багдарда жооп беришет, алардын жооптору бул жерде дароо көрүнөт. Акыркысын көрүү үчүн «🔄 Жаңылоо» баскычын басыңыз.
roster-attendance-hint = Ким келгенин белгилеңиз: ✅ келди, ❌ келген жок. Жаңылыш басылса, экинчи баскыч менен оңдосоңуз болот.

roster-present-button = ✅ { $name }
roster-absent-button = ❌
roster-csv-button = 📄 CSV
roster-refresh = 🔄 Жаңылоо
roster-back = ↩️ Артка

roster-marked-present = ✅ Белгиленди: келди.
roster-marked-absent = ❌ Белгиленди: келген жок.
roster-already-marked = Бул мурунтан эле белгиленген.

roster-csv-caption = 📄 «{ $title }» ({ $when }) катышуучулардын тизмеси, окуучулар: { $count }. Excel'де кириллица бузулбай ачылат.
roster-csv-number = №
roster-csv-last-name = Фамилиясы
roster-csv-first-name = Аты
roster-csv-class = Класс
roster-csv-school = Мектеп
roster-csv-status = Абалы
roster-csv-consent = Макулдук
roster-csv-photo = Сүрөт/видео
roster-csv-health = Ден соолук боюнча эскертүү
roster-csv-attended = Катышуусу
roster-csv-yes = ооба
roster-csv-no = жок

roster-evidence-button = 🧾 Макулдуктар журналы (CSV)
roster-evidence-caption = 🧾 «{ $title }» ({ $when }) боюнча макулдук жазуулары: { $count }. Ар биринде тексттин версиясы жана ата-эне көргөн тексттин SHA-256 хэши бар.
evidence-csv-child = Бала
evidence-csv-class = Класс
evidence-csv-guardian = Ата-эне
evidence-csv-kind = Макулдук
evidence-csv-decision = Чечим
evidence-csv-photo = Сүрөт/видео
evidence-csv-time = Убакыт (мектептин убакыт алкагы)
evidence-csv-locale = Тил
evidence-csv-version = Тексттин версиясы
evidence-csv-sha256 = Тексттин SHA-256 хэши
evidence-kind-participation = катышуу
evidence-kind-photo = сүрөт жана видео
evidence-kind-personal-data = жеке маалыматтар
evidence-decision-granted = макул болду
evidence-decision-refused = макул болгон жок
evidence-decision-withdrawn = кайтарып алды
