## Roster: a trial's pupils for the teacher, with consent, photo rules, health notes and attendance

roster-title = 📋 Roster: «{ $title }»
roster-fill = 🪑 Places taken: { $taken } of { $capacity }
roster-counts = ✅ Confirmed: { $confirmed } · ⏳ Awaiting consent: { $pending } · 🕒 Waiting list: { $waiting }
roster-photo-warning = ⛔ { $count ->
    [one] One pupil must not be photographed or filmed.
   *[other] { $count } pupils must not be photographed or filmed.
} They are marked below.
roster-empty = Nobody has signed up yet.
roster-waitlist-title = 🕒 Waiting list:
roster-waitlist-place = { $status }, place { $position }
roster-page = Page { $page } of { $pages }

roster-consent-line = 📝 Consent: { $state }
roster-consent-granted = given by a parent
roster-consent-refused = refused
roster-consent-withdrawn = withdrawn by a parent
roster-consent-pending = not received yet
roster-consent-marked = paper consent, recorded by a teacher

roster-photo-line = 📷 Photos and video: { $scope }
roster-photo-forbidden-line = ⛔ NO PHOTOS OR VIDEO of this pupil
roster-photo-publish = allowed, may be published
roster-photo-portfolio = for the portfolio only, not for publishing
roster-photo-forbidden = not allowed
roster-photo-unknown = no answer from a parent yet, so don't publish

roster-consent-hint = ✍️ If a parent has handed you a signed paper consent, tap "Consent received" next to the pupil. It is recorded as a paper consent in your name, and the place is confirmed.
roster-attendance-hint = Mark who came: ✅ came, ❌ didn't come. A wrong tap can be corrected with the other button.

roster-consent-button = ✍️ Consent received: { $name }
roster-present-button = ✅ { $name }
roster-absent-button = ❌
roster-csv-button = 📄 CSV
roster-refresh = 🔄 Refresh
roster-back = ↩️ Back

roster-consent-recorded = ✍️ Paper consent recorded. The place is confirmed.
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
