## Broadcasts: a teacher's messages to the pupils and parents of the school

broadcast-expect-button = Please choose one of the buttons below.
broadcast-audience-ask = 📣 New broadcast. Step 1 of 5: who should receive the message?
broadcast-audience-students = 🎒 Pupils
broadcast-audience-guardians = 👪 Parents
broadcast-audience-both = 🎒 Pupils and 👪 parents
broadcast-scope-ask = Step 2 of 5: the whole school or part of it? Parents are chosen by their children's class.
broadcast-scope-school = 🏫 Whole school
broadcast-scope-grade = One grade
broadcast-scope-class = One class
broadcast-scope-trial = 🧪 Participants of a trial
broadcast-grade-ask = Choose the grade:
broadcast-grade-invalid = Please choose a grade from 5 to 11 with the buttons.
broadcast-class-ask = Which class? Tap it or type it, for example 9Б.
broadcast-class-ask-typed = Which class? Type it, for example 9Б.
broadcast-class-invalid = Please type a grade from 5 to 11 and a letter, for example 9Б.
broadcast-class-expected = Please tap a class or type it, for example 9Б.
broadcast-trial-ask = Which trial? The message goes to the pupils signed up for it, including those on the waiting list.
broadcast-count =
    Step 3 of 5. { $audience }.
    Recipients right now: { $total } (pupils: { $students }, parents: { $guardians }).
broadcast-count-none =
    { $audience }: there's nobody to send to yet. Pupils and parents appear here once they join Bagdar.
    Please choose other recipients.
broadcast-count-continue = ✅ Continue
broadcast-count-change = ↩️ Change the recipients
broadcast-text-ask = Step 4 of 5: send the text of the message, up to 4000 characters. Bold, italics, links and other formatting will be kept.
broadcast-text-expected = Please send the message as text. Photos, stickers and files can't be broadcast yet.
broadcast-text-empty = The message is empty. Please send some text.
broadcast-text-too-long = That's { $length } characters, and the limit is 4000. Please shorten the text and send it again.
broadcast-text-too-long-formatted = With its formatting, the message is too long for Telegram. Please shorten it or remove some formatting, and send it again.
broadcast-preview-intro = Step 5 of 5. This is exactly how the recipients ({ $audience }) will see the message:
broadcast-when-ask = When should it go out?
broadcast-when-now = ▶️ Send now
broadcast-when-at = 🕒 At a date and time
broadcast-when-cron = 🔁 Repeat on a schedule
broadcast-when-edit = ✏️ Change the text
broadcast-cancel = ✖️ Cancel
broadcast-at-ask = Send the date and time by the school's clock ({ $zone }), for example { $example }. For a date next year, add the year: { $exampleYear }
broadcast-at-expected = Please send the date and time as text: the day, the month and the time, as in the example above.
broadcast-at-format = I couldn't read that. Please write the day, the month and the time like this: { $example }
broadcast-at-no-such-date = There's no such date. Please check the day and the month.
broadcast-at-past = That moment has already passed. Please send a time in the future; for a date next year, add the year.
broadcast-at-too-far = That's more than a year ahead. Please choose a date within the next twelve months.
broadcast-at-confirm =
    The message will go out on { $date } at { $time } ({ $zone }).
    To: { $audience }. The recipients will be counted at that moment.

    Schedule it?
broadcast-confirm-yes = ✅ Schedule
broadcast-confirm-change-time = ✏️ Change the time
broadcast-confirm-change-schedule = ✏️ Change the schedule
broadcast-cron-ask =
    Send the schedule as a cron expression: minute, hour, day of the month, month, day of the week. Times follow the school's clock ({ $zone }). Examples:
    <code>0 9 * * 1</code> — every Monday at 09:00
    <code>30 8 * * 1-5</code> — on weekdays at 08:30
    <code>0 18 1 * *</code> — on day 1 of every month at 18:00
broadcast-cron-expected = Please send the schedule as text, for example: 0 9 * * 1
broadcast-cron-invalid = That isn't a schedule I can read. Please send five fields separated by spaces, for example: 0 9 * * 1
broadcast-cron-seconds = Please leave out the seconds: five fields are enough, for example: 0 9 * * 1
broadcast-cron-too-often = That's too often: a broadcast can repeat at most once an hour. Please send another schedule.
broadcast-cron-confirm =
    Schedule: { $schedule } ({ $zone }).
    First time: { $date } at { $time }.
    To: { $audience }. The recipients are chosen afresh each time.

    Schedule it?
broadcast-dialog-cancelled = Cancelled; nothing was sent. /menu opens the menu.
broadcast-started = ✅ The broadcast has started. Messages go out gradually; tap 🔄 to see how far it has got.
broadcast-scheduled = ✅ The broadcast is scheduled. You can cancel it here or in “📋 My broadcasts”.

broadcast-who-students = Pupils
broadcast-who-guardians = Parents
broadcast-who-both = Pupils and parents
broadcast-scope-label-school = whole school
broadcast-scope-label-grade = grade { $grade }
broadcast-scope-label-class = class { $class }
broadcast-scope-label-trial = trial “{ $title }”

broadcast-card-title = 📣 To: { $audience }
broadcast-card-scheduled = 🗓 Goes out on { $date } at { $time }
broadcast-card-recurring = 🔁 Schedule: { $schedule }. Next: { $date } at { $time }
broadcast-card-sending = 📤 Sending…
broadcast-card-done = ✅ Sent on { $date } at { $time }
broadcast-card-cancelled = ✖️ Cancelled
broadcast-card-cancelled-recurring = ✖️ Cancelled (schedule was: { $schedule })
broadcast-card-last-run = Last sent on { $date } at { $time }
broadcast-card-text = 💬 { $text }
broadcast-report = 📊 Delivery: total { $total }, sent { $sent }, failed { $failed }, blocked { $blocked }
broadcast-report-none = 📊 Nothing has gone out yet.
broadcast-refresh = 🔄 Refresh
broadcast-cancel-button = ✖️ Cancel the broadcast
broadcast-all = 📋 All broadcasts

broadcast-list-title = 📋 Your school's broadcasts, newest first:
broadcast-list-empty = Your school has no broadcasts yet. Tap “📣 Broadcast” to send the first one.
broadcast-list-line = { $number }. { $status } — { $audience }
broadcast-short-scheduled = 🗓 { $date }
broadcast-short-recurring = 🔁 { $schedule }
broadcast-short-sending = 📤 sending, { $sent } of { $total } sent
broadcast-short-done = ✅ { $date }, delivered { $sent } of { $total }
broadcast-short-cancelled = ✖️ cancelled

broadcast-cancel-confirm =
    Cancel this broadcast?
    To: { $audience }
    Messages that haven't gone out yet won't be sent.
broadcast-cancel-confirm-recurring =
    Stop this recurring broadcast?
    To: { $audience }
    It won't be sent again, and messages that haven't gone out yet won't be sent.
broadcast-cancel-yes = Yes, cancel it
broadcast-cancel-no = No, keep it
broadcast-cancelled-notice = ✖️ The broadcast is cancelled. Nothing more will be sent.
errors-broadcast-finished = This broadcast has already finished or been cancelled; there's nothing left to cancel.

## Recurring schedules in words

broadcast-cron-and = and
broadcast-cron-raw = by the cron schedule { $expr }
broadcast-cron-every-minutes =
    { $count ->
        [one] every minute
       *[other] every { $count } minutes
    }
broadcast-cron-every-hours =
    { $count ->
        [one] every hour
       *[other] every { $count } hours
    }
broadcast-cron-daily = every day at { $times }
broadcast-cron-weekdays = on weekdays (Monday to Friday) at { $times }
broadcast-cron-weekends = on Saturdays and Sundays at { $times }
broadcast-cron-weekly = every { $days } at { $times }
broadcast-cron-monthly = on day { $day } of every month at { $times }
broadcast-cron-monthly-last = on the last day of every month at { $times }
broadcast-cron-day-0 = Sunday
broadcast-cron-day-1 = Monday
broadcast-cron-day-2 = Tuesday
broadcast-cron-day-3 = Wednesday
broadcast-cron-day-4 = Thursday
broadcast-cron-day-5 = Friday
broadcast-cron-day-6 = Saturday
