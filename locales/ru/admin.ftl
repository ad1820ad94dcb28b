## Админ: школы, приглашения педагогов и их доступ (районные координаторы)

admin-home-title = Всего школ: { $count }. Выберите школу, чтобы открыть её.
admin-home-empty = Школ пока нет. Добавьте первую.
admin-home-line = { $number }. { $name } — { $region }, { $zone }
admin-home-page = Страница { $page } из { $pages }
admin-add-school = ➕ Добавить школу
admin-back-menu = ⬅️ Главное меню
admin-back-schools = ⬅️ Все школы
admin-back-school = ⬅️ К школе

admin-zone-almaty = Алматы, Астана (UTC+5)
admin-zone-qostanay = Костанай (UTC+5)
admin-zone-qyzylorda = Кызылорда (UTC+5)
admin-zone-aqtobe = Актобе (UTC+5)
admin-zone-aqtau = Актау, Мангистау (UTC+5)
admin-zone-oral = Уральск, ЗКО (UTC+5)
admin-zone-bishkek = Кыргызстан, Бишкек (UTC+6)

admin-school-card =
    🏫 { $name }
    Район, область: { $region }
    Часовой пояс: { $zone }
    Педагогов в Багдаре: { $teachers }
admin-school-invite = ✉️ Пригласить педагога
admin-school-teachers = 👩‍🏫 Педагоги ({ $count })
admin-school-rename = ✏️ Переименовать
admin-school-gone = Этой школы больше нет в списке.

admin-teachers-title = Педагоги — { $school }:
admin-teachers-none = { $school }: педагогов в Багдаре пока нет. Чтобы добавить, нажмите «Пригласить педагога» на экране школы.
admin-teacher-revoke = ✖️ Отозвать доступ: { $name }
admin-teacher-unnamed = Без имени (Telegram ID { $id })
admin-teacher-gone = Этот человек уже не педагог. Ничего не изменилось.
admin-revoke-confirm =
    { $name } больше не будет педагогом ({ $school }) и потеряет доступ к пробам, спискам и отчётам школы. Пригласить снова можно в любой момент.

    Отозвать доступ педагога?
admin-revoke-yes = Да, отозвать
admin-revoke-no = Отмена
admin-revoke-done = Готово: { $name } больше не педагог ({ $school }).

admin-invite-intro = Приглашение готово: { $school }. Перешлите следующее сообщение педагогу. Ссылка одноразовая и действует 7 дней.
admin-invite-forward =
    Здравствуйте! Приглашаем вас в Багдар — бот по профориентации — в роли педагога-профориентатора. Школа: { $school }.

    Чтобы подключиться, откройте ссылку:
    { $link }

    Если ссылка не открывается, отправьте боту @{ $bot } этот код: <code>{ $code }</code>

    Приглашение одноразовое и действует до { $until }

admin-add-name-ask = Новая школа, шаг 1 из 4. Отправьте полное название школы, например: СОШ № 5 имени Абая
admin-add-region-ask = Шаг 2 из 4. Отправьте район и область, например: Карасайский район, Алматинская область
admin-add-zone-ask = Шаг 3 из 4. Выберите часовой пояс школы: в нём будут показываться время проб и напоминания.
admin-add-preview =
    Шаг 4 из 4. Проверьте данные:
    Название: { $name }
    Район, область: { $region }
    Часовой пояс: { $zone }

    Сохранить школу?
admin-add-saved = ✅ Школа добавлена.
admin-save = ✅ Сохранить
admin-cancel = ✖️ Отмена
admin-name-invalid = Название должно быть от 2 до 120 символов. Отправьте название школы ещё раз.
admin-region-invalid = Район и область — от 2 до 80 символов. Отправьте их ещё раз.
admin-expect-text = Пожалуйста, отправьте ответ текстом.
admin-expect-button = Пожалуйста, выберите одну из кнопок ниже.
admin-dialog-cancelled = Отменено, ничего не сохранено.

admin-rename-ask =
    Сейчас школа называется: { $name }
    Отправьте новое название.
admin-rename-preview =
    Переименовать школу?
    Было: { $old }
    Станет: { $name }
admin-rename-saved = ✅ Название изменено.
admin-teacher-revoked-notice = Координатор района закрыл вам доступ педагога школы «{ $school }». Если это ошибка, свяжитесь с ним.
