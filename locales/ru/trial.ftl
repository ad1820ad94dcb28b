## How a trial reads: kinds, formats, the card's fields, statuses

trial-kind-trial = Профессиональная проба
trial-kind-excursion = Профэкскурсия
trial-kind-open_day = День открытых дверей
trial-kind-master_class = Мастер-класс
trial-kind-meeting = Встреча с профессионалом
trial-format-in_person = очно
trial-format-online = онлайн
trial-format-hybrid = очно и онлайн
trial-online = онлайн
trial-grades = { $grades } класс
trial-seats = свободно мест: { $left } из { $capacity }
trial-field-directions = Направления
trial-field-description = Что будем делать
trial-field-mentor = Наставник
trial-field-escort = Сопровождающий от школы
trial-field-link = Ссылка
trial-field-transport = Как добраться
trial-field-bring = Взять с собой
trial-field-clothing = Одежда
trial-field-ppe = Средства защиты
trial-field-health = Ограничения по здоровью
trial-field-risks = Риски и как их снижаем
trial-deadlines = ⏳ Запись до { $signup }. Согласие родителей — до { $consent }.

trial-status-draft = 📝 черновик
trial-status-published = 🟢 опубликована
trial-status-cancelled = ⛔ отменена
trial-status-completed = ✔️ прошла

registration-status-pending_consent = ⏳ ждёт согласия родителей
registration-status-waitlisted = 🕒 в листе ожидания
registration-status-confirmed = ✅ участие подтверждено
registration-status-declined = 🚫 родители не согласились
registration-status-expired = ⌛ согласие не пришло вовремя
registration-status-cancelled = ✖️ запись отменена
registration-status-attended = 🏅 участие засчитано
registration-status-no_show = ➖ неявка

## Refusals

errors-signup-not-open = Запись на это событие сейчас закрыта.
errors-signup-started = Это событие уже началось, записаться больше нельзя.
errors-signup-deadline = Запись уже закончилась. Посмотри другие пробы в каталоге.
errors-signup-grade = Это событие для других классов. Посмотри пробы для своего класса в каталоге.
errors-signup-school = Эта проба не открыта для твоей школы.
errors-signup-not-a-pupil = Записываться на пробы могут ученики, которые указали школу и класс.
errors-signup-overlap = В это время у тебя уже есть другая проба. Если хочешь сюда — сначала отмени ту запись в «Мои пробы».
errors-signup-already = Эта запись у тебя уже есть. Всё сохранено, повторно ничего делать не нужно.
errors-trial-invalid = Одно из полей заполнено неверно. Проверь даты и данные и попробуй ещё раз.
errors-trial-closed = Это событие уже отменено или прошло, изменить его нельзя.
errors-trial-started = Событие уже началось: теперь его нельзя изменить или отменить запись.
errors-trial-changed = Пока вы редактировали, событие изменилось. Откройте его заново и повторите.
errors-trial-not-draft = Событие уже опубликовано или закрыто.
errors-registration-not-active = Эта запись уже не действует.
errors-registration-not-pending = Эта запись уже не ждёт согласия.
errors-attendance-too-early = Отмечать посещаемость можно с начала события.
errors-attendance-no-consent = Посещаемость отмечается только у тех, чьё участие подтверждено.

## Messages about a trial that changed, sent through the outbox

trial-changed-pupil = ⚠️ Изменилась проба «{ $title }». Теперь: { $when }, { $place }. Загляни в «Мои пробы», там все подробности.
trial-changed-parent = ⚠️ Изменилось событие «{ $title }», в котором участвует { $child }. Теперь: { $when }, { $place }.
trial-cancelled-pupil = ⛔ Проба «{ $title }» ({ $when }) отменена. Запись снята. В каталоге есть другие пробы — загляни!
trial-cancelled-parent = ⛔ Событие «{ $title }» ({ $when }) отменено. Запись { $child } снята, ничего делать не нужно.
trial-promoted-pupil = 🎉 Освободилось место на пробе «{ $title }» ({ $when }), и оно твоё! Теперь нужно согласие родителей.
trial-expired-pupil = ⌛ Согласие родителей на пробу «{ $title }» не пришло вовремя, поэтому запись снята и место освобождено. В каталоге есть и другие пробы.
trial-expired-parent = ⌛ Срок согласия на событие «{ $title }» ({ $when }) для { $child } истёк, место освобождено.
