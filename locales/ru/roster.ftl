## Roster: a trial's pupils for the teacher, with consent, photo rules, health notes and attendance

roster-title = 📋 Список участников: «{ $title }»
roster-fill = 🪑 Занято мест: { $taken } из { $capacity }
roster-counts = ✅ Подтверждено: { $confirmed } · ⏳ Ждут согласия: { $pending } · 🕒 В листе ожидания: { $waiting }
roster-photo-warning = ⛔ Фото и видео запрещены для учеников: { $count }. Они отмечены ниже.
roster-portfolio-warning = 📁 Фото и видео только для портфолио — учеников: { $count }. Нигде их не публикуйте.
roster-empty = Пока никто не записался.
roster-waitlist-title = 🕒 Лист ожидания:
roster-waitlist-place = { $status }, место { $position }
roster-page = Страница { $page } из { $pages }

roster-consent-line = 📝 Согласие: { $state }
roster-consent-granted = дано родителем
roster-consent-refused = родитель отказал
roster-consent-withdrawn = родитель отозвал
roster-consent-pending = ещё не получено

roster-photo-line = 📷 Фото и видео: { $scope }
roster-photo-forbidden-line = ⛔ НЕ ФОТОГРАФИРОВАТЬ И НЕ СНИМАТЬ НА ВИДЕО
roster-photo-portfolio-line = 📁 ТОЛЬКО ДЛЯ ПОРТФОЛИО: фото и видео этого ученика не публиковать
roster-photo-publish = можно, в том числе публиковать
roster-photo-portfolio = только для портфолио, не публиковать
roster-photo-forbidden = запрещено
roster-photo-unknown = родитель ещё не ответил, не публиковать

roster-consent-hint = ⏳ Родители отвечают на запрос согласия в Багдаре, и их ответы сразу появляются здесь. Нажмите «🔄 Обновить», чтобы увидеть последние.
roster-attendance-hint = Отметьте присутствие: ✅ на месте, ❌ отсутствует. Ошибочную отметку можно исправить другой кнопкой.

roster-present-button = ✅ { $name }
roster-absent-button = ❌
roster-csv-button = 📄 CSV
roster-refresh = 🔄 Обновить
roster-back = ↩️ Назад

roster-marked-present = ✅ Отмечено: на месте.
roster-marked-absent = ❌ Отмечено: отсутствует.
roster-already-marked = Это уже отмечено.

roster-csv-caption = 📄 Список участников «{ $title }» ({ $when }), учеников: { $count }. Открывается в Excel, кириллица сохраняется.
roster-csv-number = №
roster-csv-last-name = Фамилия
roster-csv-first-name = Имя
roster-csv-class = Класс
roster-csv-school = Школа
roster-csv-status = Статус
roster-csv-consent = Согласие
roster-csv-photo = Фото/видео
roster-csv-health = Заметка о здоровье
roster-csv-attended = Присутствие
roster-csv-yes = да
roster-csv-no = нет

roster-evidence-button = 🧾 Журнал согласий (CSV)
roster-evidence-caption = 🧾 Записи о согласиях по «{ $title }» ({ $when }): { $count }. У каждой — версия текста и SHA-256 того текста, который видел родитель.
evidence-csv-child = Ребёнок
evidence-csv-class = Класс
evidence-csv-guardian = Родитель
evidence-csv-kind = Согласие
evidence-csv-decision = Решение
evidence-csv-photo = Фото/видео
evidence-csv-time = Время (часовой пояс школы)
evidence-csv-locale = Язык
evidence-csv-version = Версия текста
evidence-csv-sha256 = SHA-256 текста
evidence-kind-participation = участие
evidence-kind-photo = фото и видео
evidence-kind-personal-data = персональные данные
evidence-decision-granted = согласие
evidence-decision-refused = отказ
evidence-decision-withdrawn = отозвано
