## Trial reminders sent through the outbox: the direction sheet a day before (pupil, parents),
## the 2-hour reminder (pupil), the teacher's roster digest, and the pupil's "I can't come".

reminder-24h-pupil =
    🔔 Direction sheet: «{ $title }» is tomorrow

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Online, hosted by: { $organisation }
            🔗 Link: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 On the map: { $map }
            🚌 Getting there: { $transport }
            🔗 Or join online: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 On the map: { $map }
            🚌 Getting there: { $transport }
    }
    👤 Mentor: { $mentor }
    👤 Escort from school: { $escort }
    🎒 Bring: { $bring }
    👕 Wear: { $clothing }

    ⏰ Running late or feeling unwell? Call straight away: { $contact }.

    Are you coming?
reminder-24h-parent =
    🔔 Direction sheet: tomorrow { $child } goes to «{ $title }»

    📅 { $date }, { $start }–{ $end }
    { $format ->
        [online]
            💻 Online, hosted by: { $organisation }
            🔗 Link: { $link }
        [hybrid]
            📍 { $organisation }, { $address }
            🗺 On the map: { $map }
            🚌 Getting there: { $transport }
            🔗 Or join online: { $link }
       *[in_person]
            📍 { $organisation }, { $address }
            🗺 On the map: { $map }
            🚌 Getting there: { $transport }
    }
    👤 Mentor: { $mentor }
    👤 Escort from school: { $escort }
    🎒 What to bring: { $bring }
    👕 Clothing: { $clothing }

    ⏰ If { $child } is running late or feels unwell, please call straight away: { $contact }.
reminder-coming = ✅ I'm coming
reminder-cant = 😔 I can't come
reminder-2h-pupil =
    ⏰ «{ $title }» starts in 2 hours, at { $start }.
    { $format ->
        [online] 🔗 Link: { $link }
        [hybrid] 📍 { $organisation }, { $address } ({ $map }) or online: { $link }
       *[in_person] 📍 { $organisation }, { $address } ({ $map })
    }
    Running late or feeling unwell? Call: { $contact }. Good luck!
digest-1d-teacher =
    📋 Tomorrow: «{ $title }» ({ $when })

    ✅ Confirmed ({ $confirmedCount }): { $confirmed }{ $confirmedMore ->
        [0] { "" }
       *[other] { " " }and { $confirmedMore } more
    }
    ⏳ No parental consent yet ({ $missingCount }): { $missing }{ $missingMore ->
        [0] { "" }
       *[other] { " " }and { $missingMore } more
    }
    🚫 No photo permission, please don't photograph or film: { $noPhotos }{ $noPhotosMore ->
        [0] { "" }
       *[other] { " " }and { $noPhotosMore } more
    }
    📁 Photos for the portfolio only, not for publishing: { $portfolioOnly }{ $portfolioOnlyMore ->
        [0] { "" }
       *[other] { " " }and { $portfolioOnlyMore } more
    }
    🩺 Health notes:
    { $health }{ $healthMore ->
        [0] { "" }
       *[other] { " " }(and { $healthMore } more on the roster)
    }

    The full list is on the trial's roster.
reminder-coming-ok = 👍 Great, see you there!
reminder-cant-ask = Can't come to «{ $title }» ({ $when })? If you confirm, your sign-up is cancelled and the place goes to another pupil. We'll tell the teacher.
reminder-cant-yes = Yes, I can't come
reminder-cant-no = I'll come after all
reminder-cant-done = Done: your sign-up for «{ $title }» is cancelled and the place is free for someone else. We'll tell the teacher. There are other trials in the catalogue.
reminder-cant-kept = Great, your place at «{ $title }» stays yours. See you there!
reminder-stale = This reminder is out of date: the trial has started or been cancelled, or your sign-up is no longer active. Nothing has changed. "My trials" shows what's current.
reminder-cant-teacher = 😔 { $child } ({ $class }) can't come to «{ $title }» ({ $when }): the sign-up is cancelled and the place freed.
