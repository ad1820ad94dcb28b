## The school's trials: list, card, publish, cancel (teacher)

trial-manage-list-title = 🗂 Пробы вашей школы
trial-manage-list-empty = У вашей школы пока нет проб. Создайте первую — это займёт минут пять.
trial-manage-fill = 🪑 { $taken }/{ $capacity }
trial-manage-waiting = 🕒 ждут: { $count }
trial-manage-schools = 🏫 Доступна ученикам школ: { $schools }
trial-manage-share = 🔗 Ссылка для учеников, можно переслать: { $link }
trial-manage-roster = 👥 Список
trial-manage-publish = 🚀 Опубликовать
trial-manage-edit = ✏️ Изменить
trial-manage-copy = 📄 Дублировать
trial-manage-cancel = ⛔ Отменить пробу
trial-manage-all = ↩️ Все пробы
trial-manage-cancel-confirm =
    ⛔ Отменить «{ $title }»?
    { $count ->
        [one] Будет отменена { $count } запись,
        [few] Будут отменены все { $count } записи,
       *[other] Будут отменены все { $count } записей,
    } а ученики и их родители сразу получат уведомление. Это действие нельзя отменить.
trial-manage-cancel-confirm-empty =
    ⛔ Отменить «{ $title }»?
    Пока никто не записался. Это действие нельзя отменить.
trial-manage-cancel-yes = ⛔ Да, отменить
trial-manage-cancel-no = ↩️ Нет, оставить
trial-manage-published = 🚀 Опубликовано! Ученики уже видят пробу в каталоге.
trial-manage-fix-first = Нажмите «✏️ Изменить», исправьте и опубликуйте снова.
trial-manage-cancelled = ⛔ Проба отменена. Отменено записей: { $count }. Уведомлений ученикам и родителям: { $notified }.
