## Roster: a trial's pupils for the teacher, with consent, photo rules, health notes and attendance

roster-title = 📋 Roster: «{ $title }»
roster-fill = 🪑 Places taken: { $taken } of { $capacity }
roster-counts = ✅ Confirmed: { $confirmed } · ⏳ Awaiting consent: { $pending } · 🕒 Waiting list: { $waiting }
roster-photo-warning = ⛔ { $count ->
    [one] One pupil must not be photographed or filmed.
   *[other] { $count } pupils must not be photographed or filmed.
} They are marked below.
roster-portfolio-warning = 📁 { $count ->
    [one] One pupil's photos and video are for the portfolio only.
   *[other] Photos and video of { $count } pupils are for the portfolio only.
} Don't publish them anywhere.
roster-empty = Nobody has signed up yet.
roster-waitlist-title = 🕒 Waiting list:
roster-waitlist-place = { $status }, place { $position }
roster-page = Page { $page } of { $pages }

roster-consent-line = 📝 Consent: { $state }
roster-consent-granted = given by a parent
roster-consent-refused = refused
roster-consent-withdrawn = withdrawn by a parent
roster-consent-pending = not received yet

roster-photo-line = 📷 Photos and video: { $scope }
roster-photo-forbidden-line = ⛔ NO PHOTOS OR VIDEO of this pupil
roster-photo-portfolio-line = 📁 PORTFOLIO ONLY: photos and video of this pupil must not be published
roster-photo-publish = allowed, may be published
roster-photo-portfolio = for the portfolio only, not for publishing
roster-photo-forbidden = not allowed
roster-photo-unknown = no answer from a parent yet, so don't publish

roster-consent-hint = ⏳ Parents answer the consent request in Bagdar, and their answers appear here straight away. Tap 🔄 Refresh to see the latest.
roster-attendance-hint = Mark who came: ✅ came, ❌ didn't come. A wrong tap can be corrected with the other button.

roster-present-button = ✅ { $name }
roster-absent-button = ❌
roster-csv-button = 📄 CSV
roster-refresh = 🔄 Refresh
roster-back = ↩️ Back

roster-marked-present = ✅ Marked as came.
roster-marked-absent = ❌ Marked as didn't come.
roster-already-marked = This is already marked.

roster-csv-caption = 📄 Roster of «{ $title }» ({ $when }), pupils: { $count }. Opens in Excel with Cyrillic intact.
roster-csv-number = №
roster-csv-last-name = Last name
roster-csv-first-name = First name
roster-csv-class = Class
roster-csv-school = School
roster-csv-status = Status
roster-csv-consent = Consent
roster-csv-photo = Photo/video
roster-csv-health = Health note
roster-csv-attended = Attended
roster-csv-yes = yes
roster-csv-no = no

roster-evidence-button = 🧾 Consent evidence (CSV)
roster-evidence-caption = 🧾 Consent evidence for «{ $title }» ({ $when }), records: { $count }. Each has the text version and the SHA-256 of the exact text the parent saw.
evidence-csv-child = Child
evidence-csv-class = Class
evidence-csv-guardian = Parent
evidence-csv-kind = Consent
evidence-csv-decision = Decision
evidence-csv-photo = Photo/video
evidence-csv-time = Time (school's time zone)
evidence-csv-locale = Language
evidence-csv-version = Text version
evidence-csv-sha256 = SHA-256 of the text
evidence-kind-participation = participation
evidence-kind-photo = photo and video
evidence-kind-personal-data = personal data
evidence-decision-granted = agreed
evidence-decision-refused = refused
evidence-decision-withdrawn = withdrawn

roster-reflections-button = 📝 Reflections
roster-reflections-title = 📝 Reflections: «{ $title }», { $when }
roster-reflections-none = Nobody is marked as having come yet.
roster-reflections-hint = ✅ written, — not yet. Tap a pupil to read their answers.
roster-reflection-phase-before = before
roster-reflection-phase-after = after
roster-reflection-phase-trace = a day later
roster-reflections-pupil-title = 📝 { $name }, { $class } — «{ $title }»
roster-reflections-pupil-none = No reflections yet.
roster-reflection-heading-before = Before the trial:
roster-reflection-heading-after = After the trial:
roster-reflection-heading-trace = A day or two later:
roster-reflection-interest = Interest: { $value } of 5
roster-rq-expect = Expects
roster-rq-worries = Worries
roster-rq-didWhat = What they did
roster-rq-wentWell = What went well
roster-rq-hardHow = What was hard and how they solved it
roster-rq-demands = What the profession demands
roster-rq-aboutMe = Learned about themselves
roster-rq-continue = Wants to continue
roster-rq-new = What was new
roster-rq-easyHard = Easy and hard
roster-rq-suits = Demands that suit them
roster-rq-doubts = Doubts
roster-rq-nextStep = Next step
roster-rt-liked = Liked
roster-rt-wouldChoose = Would choose
roster-rt-useful = Useful
roster-sa-task = understanding
roster-sa-procedure = procedure
roster-sa-accuracy = accuracy
roster-sa-communication = communication
roster-sa-safety = safety
roster-reflection-self = Self-assessment (1–3): { $scores }
roster-reflection-artifacts = 📎 Artefacts in the portfolio: { $count }
roster-reflection-photo-withheld = ⛔ The pupil's photo is not shown: the parents did not allow photos.
roster-reflection-private = 🔒 Kept out of the portfolio by the pupil: { $count }
roster-reflection-artifacts-button = 📎 Show artefacts
