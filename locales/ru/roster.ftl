## Roster: a trial's pupils for the teacher, with consent, photo rules, health notes and attendance

roster-title = 📋 Список участников: «{ $title }»
roster-fill = 🪑 Занято мест: { $taken } из { $capacity }
roster-counts = ✅ Подтверждено: { $confirmed } · ⏳ Ждут согласия: { $pending } · 🕒 В листе ожидания: { $waiting }
roster-photo-warning = ⛔ Фото и видео запрещены для учеников: { $count }. Они отмечены ниже.
roster-empty = Пока никто не записался.
roster-waitlist-title = 🕒 Лист ожидания:
roster-waitlist-place = { $status }, место { $position }
roster-page = Страница { $page } из { $pages }

roster-consent-line = 📝 Согласие: { $state }
roster-consent-granted = дано родителем
roster-consent-refused = родитель отказал
roster-consent-withdrawn = родитель отозвал
roster-consent-pending = ещё не получено
roster-consent-marked = бумажное, отмечено педагогом

roster-photo-line = 📷 Фото и видео: { $scope }
roster-photo-forbidden-line = ⛔ НЕ ФОТОГРАФИРОВАТЬ И НЕ СНИМАТЬ НА ВИДЕО
roster-photo-publish = можно, в том числе публиковать
roster-photo-portfolio = только для портфолио, не публиковать
roster-photo-forbidden = запрещено
roster-photo-unknown = родитель ещё не ответил, не публиковать

roster-consent-hint = ✍️ Если родитель передал Вам подписанное бумажное согласие, нажмите «Согласие получено» рядом с именем ученика. Оно будет записано как бумажное согласие от Вашего имени, а место — подтверждено.
roster-attendance-hint = Отметьте присутствие: ✅ на месте, ❌ отсутствует. Ошибочную отметку можно исправить другой кнопкой.

roster-consent-button = ✍️ Согласие получено: { $name }
roster-present-button = ✅ { $name }
roster-absent-button = ❌
roster-csv-button = 📄 CSV
roster-refresh = 🔄 Обновить
roster-back = ↩️ Назад

roster-consent-recorded = ✍️ Бумажное согласие записано, место подтверждено.
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
