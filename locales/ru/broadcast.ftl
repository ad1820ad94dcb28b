## Broadcasts: a teacher's messages to the pupils and parents of the school

broadcast-expect-button = Пожалуйста, выберите одну из кнопок ниже.
broadcast-audience-ask = 📣 Новая рассылка. Шаг 1 из 5: кому отправить сообщение?
broadcast-audience-students = 🎒 Ученикам
broadcast-audience-guardians = 👪 Родителям
broadcast-audience-both = 🎒 Ученикам и 👪 родителям
broadcast-scope-ask = Шаг 2 из 5: всей школе или её части? Родители выбираются по классу их детей.
broadcast-scope-school = 🏫 Всей школе
broadcast-scope-grade = Параллели
broadcast-scope-class = Одному классу
broadcast-scope-trial = 🧪 Участникам пробы
broadcast-grade-ask = Выберите параллель:
broadcast-grade-invalid = Выберите параллель с 5 по 11 кнопкой.
broadcast-class-ask = Какому классу? Нажмите на класс или напишите его, например 9Б.
broadcast-class-ask-typed = Какому классу? Напишите его, например 9Б.
broadcast-class-invalid = Напишите номер класса от 5 до 11 и букву, например 9Б.
broadcast-class-expected = Нажмите на класс или напишите его, например 9Б.
broadcast-trial-ask = Участникам какой пробы? Сообщение получат записавшиеся ученики, в том числе из листа ожидания.
broadcast-count =
    Шаг 3 из 5. { $audience }.
    Получателей сейчас: { $total } (учеников: { $students }, родителей: { $guardians }).
broadcast-count-none =
    { $audience }: пока некому отправлять. Ученики и родители появятся здесь, когда подключатся к Багдару.
    Выберите, пожалуйста, других получателей.
broadcast-count-continue = ✅ Продолжить
broadcast-count-change = ↩️ Изменить получателей
broadcast-text-ask = Шаг 4 из 5: отправьте текст сообщения, до 4000 символов. Жирный шрифт, курсив, ссылки и другое оформление сохранятся.
broadcast-text-expected = Пожалуйста, отправьте сообщение текстом. Фото, стикеры и файлы пока рассылать нельзя.
broadcast-text-empty = Сообщение пустое. Отправьте, пожалуйста, текст.
broadcast-text-too-long = Здесь { $length } символов, а можно не больше 4000. Сократите текст и отправьте его ещё раз.
broadcast-text-too-long-formatted = Вместе с оформлением сообщение слишком длинное для Telegram. Сократите его или уберите часть оформления и отправьте ещё раз.
broadcast-preview-intro = Шаг 5 из 5. Вот так сообщение увидят получатели ({ $audience }):
broadcast-when-ask = Когда отправить?
broadcast-when-now = ▶️ Отправить сейчас
broadcast-when-at = 🕒 В назначенное время
broadcast-when-cron = 🔁 Повторять по расписанию
broadcast-when-edit = ✏️ Изменить текст
broadcast-cancel = ✖️ Отменить
broadcast-at-ask = Напишите дату и время по часам школы ({ $zone }), например { $example }. Если это в следующем году, добавьте год: { $exampleYear }
broadcast-at-expected = Напишите дату и время текстом: день, месяц и время, как в примере выше.
broadcast-at-format = Не получилось разобрать. Напишите день, месяц и время вот так: { $example }
broadcast-at-no-such-date = Такой даты нет. Проверьте день и месяц.
broadcast-at-past = Это время уже прошло. Укажите момент в будущем; если это в следующем году, добавьте год.
broadcast-at-too-far = Это больше чем через год. Выберите дату в ближайшие двенадцать месяцев.
broadcast-at-confirm =
    Сообщение уйдёт { $date } в { $time } ({ $zone }).
    Кому: { $audience }. Получатели определятся в этот момент.

    Запланировать?
broadcast-confirm-yes = ✅ Запланировать
broadcast-confirm-change-time = ✏️ Изменить время
broadcast-confirm-change-schedule = ✏️ Изменить расписание
broadcast-cron-ask =
    Отправьте расписание в формате cron: минута, час, день месяца, месяц, день недели. Время — по часам школы ({ $zone }). Примеры:
    <code>0 9 * * 1</code> — по понедельникам в 09:00
    <code>30 8 * * 1-5</code> — по будням в 08:30
    <code>0 18 1 * *</code> — 1-го числа каждого месяца в 18:00
broadcast-cron-expected = Отправьте расписание текстом, например: 0 9 * * 1
broadcast-cron-invalid = Не получилось разобрать расписание. Отправьте пять полей через пробел, например: 0 9 * * 1
broadcast-cron-seconds = Секунды не нужны: достаточно пяти полей, например: 0 9 * * 1
broadcast-cron-too-often = Слишком часто: рассылка может повторяться не чаще раза в час. Отправьте другое расписание.
broadcast-cron-confirm =
    Расписание: { $schedule } ({ $zone }).
    Первый раз: { $date } в { $time }.
    Кому: { $audience }. Получатели определяются заново перед каждой отправкой.

    Запланировать?
broadcast-dialog-cancelled = Отменено, ничего не отправлено. Меню — /menu.
broadcast-started = ✅ Рассылка началась. Сообщения уходят постепенно; нажмите 🔄, чтобы увидеть, сколько уже доставлено.
broadcast-scheduled = ✅ Рассылка запланирована. Отменить её можно здесь или в «📋 Мои рассылки».

broadcast-who-students = Ученики
broadcast-who-guardians = Родители
broadcast-who-both = Ученики и родители
broadcast-scope-label-school = вся школа
broadcast-scope-label-grade = { $grade }-е классы
broadcast-scope-label-class = { $class } класс
broadcast-scope-label-trial = проба «{ $title }»

broadcast-card-title = 📣 Кому: { $audience }
broadcast-card-scheduled = 🗓 Уйдёт { $date } в { $time }
broadcast-card-recurring = 🔁 Расписание: { $schedule }. Следующая отправка: { $date } в { $time }
broadcast-card-sending = 📤 Идёт отправка…
broadcast-card-done = ✅ Отправлено { $date } в { $time }
broadcast-card-cancelled = ✖️ Отменена
broadcast-card-cancelled-recurring = ✖️ Отменена (расписание было: { $schedule })
broadcast-card-last-run = Последняя отправка: { $date } в { $time }
broadcast-card-text = 💬 { $text }
broadcast-report = 📊 Доставка: всего { $total }, отправлено { $sent }, ошибок { $failed }, заблокировали бота { $blocked }
broadcast-report-none = 📊 Пока ничего не отправлено.
broadcast-refresh = 🔄 Обновить
broadcast-cancel-button = ✖️ Отменить рассылку
broadcast-all = 📋 Все рассылки

broadcast-list-title = 📋 Рассылки вашей школы, сначала новые:
broadcast-list-empty = У вашей школы пока нет рассылок. Нажмите «📣 Рассылка», чтобы отправить первую.
broadcast-list-line = { $number }. { $status } — { $audience }
broadcast-short-scheduled = 🗓 { $date }
broadcast-short-recurring = 🔁 { $schedule }
broadcast-short-sending = 📤 отправляется, { $sent } из { $total }
broadcast-short-done = ✅ { $date }, доставлено { $sent } из { $total }
broadcast-short-cancelled = ✖️ отменена

broadcast-cancel-confirm =
    Отменить эту рассылку?
    Кому: { $audience }
    Сообщения, которые ещё не ушли, отправлены не будут.
broadcast-cancel-confirm-recurring =
    Остановить эту повторяющуюся рассылку?
    Кому: { $audience }
    Она больше не будет отправляться, а сообщения, которые ещё не ушли, отправлены не будут.
broadcast-cancel-yes = Да, отменить
broadcast-cancel-no = Нет, оставить
broadcast-cancelled-notice = ✖️ Рассылка отменена. Больше ничего отправлено не будет.
errors-broadcast-finished = Эта рассылка уже завершена или отменена, отменять нечего.

## Recurring schedules in words

broadcast-cron-and = и
broadcast-cron-raw = по расписанию cron { $expr }
broadcast-cron-every-minutes =
    { $count ->
        [one] каждую минуту
        [few] каждые { $count } минуты
       *[many] каждые { $count } минут
    }
broadcast-cron-every-hours =
    { $count ->
        [one] каждый час
        [few] каждые { $count } часа
       *[many] каждые { $count } часов
    }
broadcast-cron-daily = каждый день в { $times }
broadcast-cron-weekdays = по будням (пн–пт) в { $times }
broadcast-cron-weekends = по субботам и воскресеньям в { $times }
broadcast-cron-weekly = по { $days } в { $times }
broadcast-cron-monthly = { $day }-го числа каждого месяца в { $times }
broadcast-cron-monthly-last = в последний день каждого месяца в { $times }
broadcast-cron-day-0 = воскресеньям
broadcast-cron-day-1 = понедельникам
broadcast-cron-day-2 = вторникам
broadcast-cron-day-3 = средам
broadcast-cron-day-4 = четвергам
broadcast-cron-day-5 = пятницам
broadcast-cron-day-6 = субботам
