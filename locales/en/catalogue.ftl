## Trials for a pupil: the catalogue, a trial's card, signing up with the "before" questions, "My trials"

catalogue-title = 🔎 Trials you can sign up for: { $count }
catalogue-page = Page { $page } of { $pages }
catalogue-fits = ★ fits your interests
catalogue-mine-signed = ✅ you're signed up
catalogue-mine-waiting = 🕒 you're on the waiting list
catalogue-empty =
    There's nothing open for sign-up right now. Your career guidance teacher publishes the trials — as soon as there's one for your class, it will show up here.

    Meanwhile, take the interest questionnaire: it will help you see which trials suit you best.
catalogue-take-questionnaire = 📝 Take the questionnaire
catalogue-prev = ◀︎ Previous
catalogue-next = Next ▶︎
catalogue-link-onboard-first = This link opens a trial. First, let's get you set up in Bagdar — it only takes a minute. Then open the link again.

trialcard-fits = ★ This one fits your interests.
trialcard-status = Your sign-up: { $status }
trialcard-position = You're number { $position } on the waiting list.
trialcard-full = All the places are taken, but you can join the waiting list: if someone drops out, their place goes to the next in line.
trialcard-signup = ✍️ Sign up
trialcard-join-waitlist = 🕒 Join the waiting list
trialcard-cancel = ✖️ Cancel my sign-up
trialcard-back-catalogue = ⬅️ All trials
trialcard-back-mine = ⬅️ My trials

signup-intro = ✍️ Signing up for "{ $title }" ({ $when }). First, three quick questions — there are no right or wrong answers. After the trial you can look back and see how it compared.
signup-expect = 1/3. What do you expect from this trial? What would you like to see or try?
signup-worries = 2/3. What worries you, or what might be hard?
signup-interest = 3/3. How interested are you in this right now? 1 — hardly at all, 5 — very much.
signup-text-expected = Please answer in words, as a text message.
signup-answer-empty = Write at least a few words, please.
signup-answer-too-long = That's a bit long: { $length } characters, and the limit is { $max }. Try to say it more briefly.
signup-interest-expected = Please tap a number from 1 to 5 under the question.
signup-seat =
    ✅ You're signed up for "{ $title }", and your place is held.

    Your parent has been sent a consent request in Bagdar. As soon as they agree, your place is confirmed and you'll get a message. You'll find this trial in 🎟 My trials.
signup-seat-no-parent =
    ✅ You're signed up for "{ $title }", and your place is held.

    But no parent is connected to you in Bagdar yet, so there's nobody to ask for consent. Invite a parent: they'll get the consent request as soon as they join. If there's no consent by { $deadline }, your sign-up will be removed and the place released.
signup-waitlisted = 🕒 "{ $title }" is full right now, so you're on the waiting list: you're number { $position }. If a place opens up, you'll get a message straight away.

mytrials-title = 🎟 Your trials
mytrials-empty = You haven't signed up for any trials yet. Have a look at the catalogue — something might catch your eye!
mytrials-position = number { $position } in line
mytrials-cancel-ask = Cancel your sign-up for "{ $title }" ({ $when })? Your place will go to the next person in line.
mytrials-cancel-ask-waiting = Leave the waiting list for "{ $title }" ({ $when })?
mytrials-cancel-yes = Yes, cancel
mytrials-cancel-keep = Keep it
mytrials-cancelled = Your sign-up for "{ $title }" is cancelled. Your place goes to the next person in line.
mytrials-cancelled-waiting = You've left the waiting list for "{ $title }".
