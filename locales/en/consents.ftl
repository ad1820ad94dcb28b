## Consents: a parent's answers in the bot — the buttons on a consent request, the photo/video answer, health notes, /consents

consents-title = ✅ Your consents
consents-none = You aren't connected to a child in Bagdar yet. Ask your child to send you their invite link or code, then tap "🔗 Enter a child's code".
consents-child = 👤 { $child }
consents-personal-data = 🔒 Personal data: { $state }
consents-pd-granted = you agreed
consents-pd-refused = you refused
consents-pd-withdrawn = you withdrew your consent
consents-pd-none = no answer yet
consents-photo = 📷 Photos and video: { $scope }
consents-photo-yours = (your answer: { $scope }; another parent gave a stricter one, and the stricter answer applies)
consents-scope-publish = allowed, including in publications
consents-scope-portfolio = for the portfolio only, not for publishing
consents-scope-forbidden = not allowed
consents-scope-withdrawn = consent withdrawn, so not allowed
consents-scope-unknown = no answer yet, so nothing will be published
consents-no-trials = 🎟 No upcoming trials.
consents-trial = 🎟 «{ $title }», { $when }
consents-state-pending = ⏳ waiting for your answer (until { $deadline })
consents-state-granted = ✅ you agreed, the place is confirmed
consents-state-confirmed-other = ✅ the place is confirmed: another parent agreed
consents-state-waitlisted = 🕒 on the waiting list: if a place opens up, you'll get a consent request

consents-photo-answer = 📷 Photos of { $child }: answer
consents-photo-change = 📷 Photos of { $child }: change the answer
consents-photo-withdraw = 🚫 Photos of { $child }: withdraw consent
consents-open = 📝 Read and decide: { $what }
consents-withdraw = ↩️ Withdraw consent: { $what }
consents-health-add = 🩺 Health note: { $what }
consents-back = ⬅️ Back to consents
consents-withdraw-yes = Yes, withdraw

consents-granted = ✅ Thank you! { $child } may take part in «{ $title }». The place is confirmed, and { $child } and the teacher have been told.
consents-granted-also = ✅ Thank you, your agreement is recorded too. { $child }'s place at «{ $title }» was already confirmed by another parent.
consents-health-offer = If the teacher should know about any health restrictions (an allergy, asthma or anything else), add a note: only your child's teachers will see it.
consents-health-button = 🩺 Add a health note
consents-refused = Noted: { $child } won't take part in «{ $title }». The place has been released, and { $child } and the teacher have been told.
consents-already = Your answer is already recorded.
consents-changed = ⚠️ The details of this trial have changed since that message was sent. Please read the current version below and answer again. Nothing has been recorded yet.
consents-question-changed = ⚠️ This question has changed since. Please answer the current version below. Nothing has been recorded yet.

consents-photo-saved-publish = 📷 Saved: photos and video of { $child } may be taken and published.
consents-photo-saved-portfolio = 📁 Saved: photos and video of { $child } are for the portfolio only and won't be published.
consents-photo-saved-forbidden = ⛔ Saved: { $child } won't be photographed or filmed.
consents-photo-stricter = Another parent gave a stricter answer, and the stricter one applies: { $scope }.
consents-photo-change-later = You can change this answer at any time in /consents.
consents-photo-withdraw-ask = Withdraw your consent to photos and video of { $child }? From then on, { $child } won't be photographed or filmed at trials.
consents-photo-withdrawn = Done: your consent to photos and video of { $child } is withdrawn. Teachers now see "no photos or video" next to { $child }'s name.
consents-photo-nothing = You haven't allowed photos of { $child }, so there's nothing to withdraw.

consents-withdraw-ask =
    Withdraw your consent for { $child } to take part in «{ $title }» ({ $when })?

    { $child }'s place will be cancelled straight away and offered to another pupil, and the teacher will be told.
consents-withdrawn = Consent withdrawn. { $child }'s place at «{ $title }» is cancelled, and the teacher has been told.
consents-withdraw-nothing = You haven't agreed to this trial, so there's nothing to withdraw.

consents-health-skip = Skip
consents-health-expected = Please write the note as a text message, or tap "Skip".
consents-health-empty = Please write a few words, or tap "Skip".
consents-health-too-long = That's a bit long: { $length } characters, and the limit is { $max }. Please put it more briefly.
consents-health-saved = 🩺 Thank you, the note is saved. Only { $child }'s teachers will see it.
consents-health-skipped = All right, no note. You can add one later in /consents.
consents-health-needs-consent = A health note can be added once you've agreed to the trial.

errors-consent-stale = This request is no longer current: the trial may have been cancelled or has already started, or the registration was cancelled or already decided. Nothing has changed. /consents shows what's current.
