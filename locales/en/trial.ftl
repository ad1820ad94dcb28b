## How a trial reads: kinds, formats, the card's fields, statuses

trial-kind-trial = Career trial
trial-kind-excursion = Workplace visit
trial-kind-open_day = Open day
trial-kind-master_class = Master class
trial-kind-meeting = Meet a professional
trial-format-in_person = in person
trial-format-online = online
trial-format-hybrid = in person and online
trial-online = online
trial-grades = grades { $grades }
trial-seats = places left: { $left } of { $capacity }
trial-field-directions = Directions
trial-field-description = What you'll do
trial-field-mentor = Mentor
trial-field-escort = Accompanying teacher
trial-field-link = Link
trial-field-transport = Getting there
trial-field-bring = Bring
trial-field-clothing = Clothing
trial-field-ppe = Protective equipment
trial-field-health = Health restrictions
trial-field-risks = Risks and how they're reduced
trial-deadlines = ⏳ Sign-up closes { $signup }. Parents' consent by { $consent }.

trial-status-draft = 📝 draft
trial-status-published = 🟢 published
trial-status-cancelled = ⛔ cancelled
trial-status-completed = ✔️ finished

registration-status-pending_consent = ⏳ waiting for a parent's consent
registration-status-waitlisted = 🕒 on the waiting list
registration-status-confirmed = ✅ confirmed
registration-status-declined = 🚫 parent said no
registration-status-expired = ⌛ consent didn't arrive in time
registration-status-cancelled = ✖️ cancelled
registration-status-attended = 🏅 attended
registration-status-no_show = ➖ didn't come

## Refusals

errors-signup-not-open = Sign-up for this isn't open right now.
errors-signup-started = This has already started, so it's too late to sign up.
errors-signup-deadline = Sign-up has closed. Have a look at the other trials in the catalogue.
errors-signup-grade = This one is for other grades. The catalogue shows the trials for yours.
errors-signup-school = This trial isn't open to your school.
errors-signup-not-a-pupil = Only pupils who have given their school and class can sign up for trials.
errors-signup-overlap = You already have another trial at that time. To go to this one, cancel the other in "My trials" first.
errors-signup-already = You're already signed up for this. Everything is saved; there's nothing more to do.
errors-trial-invalid = One of the fields isn't right. Please check the dates and details and try again.
errors-trial-closed = This has been cancelled or is over, so it can't be changed.
errors-trial-started = This has already started: it can no longer be changed, and sign-ups can't be cancelled.
errors-trial-changed = The trial changed while you were editing it. Please open it again and repeat.
errors-trial-not-draft = This is already published or closed.
errors-registration-not-active = This registration is no longer active.
errors-registration-not-pending = This registration is no longer waiting for consent.
errors-attendance-too-early = Attendance can be marked once the trial has started.
errors-attendance-no-consent = Attendance is marked only for pupils whose participation is confirmed.

## Messages about a trial that changed, sent through the outbox

trial-changed-pupil = ⚠️ The trial "{ $title }" has changed. It's now: { $when }, { $place }. "My trials" has all the details.
trial-changed-parent = ⚠️ "{ $title }", which { $child } signed up for, has changed. It's now: { $when }, { $place }.
trial-cancelled-pupil = ⛔ The trial "{ $title }" ({ $when }) has been cancelled and your sign-up removed. There are other trials in the catalogue — take a look!
trial-cancelled-parent = ⛔ "{ $title }" ({ $when }), which { $child } signed up for, has been cancelled. The sign-up is removed; you don't need to do anything.
trial-promoted-pupil = 🎉 A place opened up at "{ $title }" ({ $when }), and it's yours! Now your parent needs to give consent.
trial-expired-pupil = ⌛ Your parent's consent for "{ $title }" didn't arrive in time, so your sign-up has been removed and the place released. There are other trials in the catalogue.
trial-expired-parent = ⌛ The time for consent to "{ $title }" ({ $when }) for { $child } has run out, and the place has been released.
