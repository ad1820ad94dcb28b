## Guardian consent sent through the outbox: the informed request, the photo/video question, reminders, outcomes.
## Bump CONSENT_TEXT_VERSIONS (src/domain/consent-texts.ts) when consent-request, consent-photo or consent-health-ask change in any language.

consent-request =
    📝 Consent to take part: { $child }

    Hello! Your child { $child } has signed up for the event below and can take part only with your consent. Please read the details: this is what you are agreeing to.

    { $kind ->
        [excursion] 🚌 Career excursion
        [open_day] 🚪 Open day
        [master_class] 🎨 Master class
        [meeting] 🤝 Meeting with a professional
       *[trial] 🛠 Career trial
    } «{ $title }»

    🎯 What the children will do:
    { $description }

    📅 When: { $sameDay ->
        [yes] { $date }, { $start }–{ $end }
       *[no] { $date } { $start } – { $endDate } { $end }
    } (duration: { $hours ->
        [0] { $minutes } min
       *[other] { $minutes ->
            [0] { $hours } h
           *[other] { $hours } h { $minutes } min
        }
    })
    { $format ->
        [online]
            💻 Online, hosted by: { $organisation }
            🔗 Link: { $link }
        [hybrid]
            📍 Place: { $organisation }, { $address }; also online: { $link }
            🚌 Getting there: { $transport }
       *[in_person]
            📍 Place: { $organisation }, { $address }
            🚌 Getting there: { $transport }
    }
    👤 Mentor: { $mentor }
    👤 Escort from the school: { $escort }

    ⚠️ Risks and how they are reduced: { $risks }
    Before the start, the children get a safety briefing: how to behave, what the risks are, clothing and protective equipment, and whom to tell if something goes wrong.
    🦺 Protective equipment: { $ppe }
    🎒 What to bring: { $bring }
    👕 Clothing: { $clothing }
    🩺 Health restrictions: { $health }
    If the teacher should know something about your child's health, you can add a note after agreeing. Only your child's teachers will see it.

    📷 Photos and video are taken only with your permission. You give it separately, once for all trials, and can change it at any time: publishing allowed, portfolio only, or forbidden. Photos go into your child's portfolio and school reports. Without permission to publish, only the teacher and your child see them, and children's faces are not shown in public reports.

    By agreeing, you confirm that you have read this and allow your child to take part. You can withdraw your consent before the start in /consents: the place is then released and the teacher is told.

    Please answer by { $deadline }, otherwise the place will be released. Do you agree?
consent-agree = ✅ I agree
consent-refuse = ✖️ I don't agree
consent-open = 📝 Read and answer

consent-photo =
    📷 Photos and video: { $child }

    At trials we sometimes take photos and videos for the child's portfolio and for school reports, and only with your permission. Please choose one answer. It applies to all trials, and you can change it at any time in /consents. If parents answer differently, the strictest answer applies.

    🌐 Publishing allowed: photos may appear in school reports, on the school's website and social media.
    📁 Portfolio only: only the teacher and { $child } see them; in public reports faces are not shown.
    🚫 Forbidden: { $child } is not photographed or filmed.
consent-photo-publish = 🌐 Publishing allowed
consent-photo-portfolio = 📁 Portfolio only
consent-photo-forbidden = 🚫 Forbidden

consent-health-ask = 🩺 { $child }: is there anything about your child's health the teacher should know for this event? For example, an allergy, asthma or a limit on physical effort. Please write it in one message, up to 500 characters. Only your child's teachers will see it.

## Reminders to parents who haven't answered yet

consent-chase-3d = ⏰ A reminder: we are still waiting for your answer on whether { $child } may take part in «{ $title }» ({ $when }). Please answer by { $deadline }, otherwise the place will be released. Tap the button to read the details and answer.
consent-chase-1d = ⏳ One day left: please answer by { $deadline } about «{ $title }» ({ $when }). Without your consent { $child } can't take part, and the place will be released. Tap the button to read the details and answer.

## Outcomes, for the pupil and for the teacher

consent-granted-pupil = ✅ Your parents have agreed! You're taking part in «{ $title }» ({ $when }), and your place is confirmed. The details are in "My trials".
consent-refused-pupil = Your parents didn't agree to «{ $title }» ({ $when }), so your sign-up has been removed and the place freed. Talk it over at home — and there are other trials in the catalogue.
consent-withdrawn-pupil = ↩️ Your parents have withdrawn their consent for «{ $title }» ({ $when }). Your sign-up is cancelled and the place freed. There are other trials in the catalogue.
consent-no-guardian = 📨 To go to «{ $title }», you need a parent's consent, but no parent is connected to you in Bagdar yet. Tap the button below and send the invite to your mum, dad or another guardian. Your place is held until { $deadline }.

consent-granted-teacher = ✅ Consent received: { $child } ({ $class }) takes part in «{ $title }» ({ $when }). The place is confirmed.
consent-refused-teacher = 🚫 The parents did not agree: { $child } ({ $class }) won't take part in «{ $title }» ({ $when }). The registration is declined and the place freed.
consent-withdrawn-teacher = ↩️ Consent withdrawn: { $child } ({ $class }) won't take part in «{ $title }» ({ $when }). The registration is cancelled and the place freed.
consent-expired-teacher = ⌛ No consent came by the deadline: { $child } ({ $class }), «{ $title }» ({ $when }). The registration has expired and the place is freed.

errors-consent-health-not-granted = A health note can be added only after you've agreed to your child taking part.
