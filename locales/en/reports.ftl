## Reports for career teachers (their school) and coordinators (the district): targets, interest types, trials, charts and exports

reports-choose = 📊 Reports. Which would you like to see?
reports-choose-school = 🏫 My school
reports-choose-district = 🗺 The district

reports-school-title = 📊 { $school } · school year { $year }
reports-class-title = 📊 Class { $class } · { $school } · { $year }
reports-pupils = 👥 Pupils in grades 7–11: { $count }
reports-with-trial = 🛠 With at least one trial: { $count } ({ $share })
reports-with-contacts = 🤝 With four or more contacts with the world of work: { $count } ({ $share })
reports-rating = ⭐ Average rating of trials: { $rating } (target: { $target } of 5)
reports-interests-title = 🧭 Interest types (from the questionnaire):
reports-interests-none = no pupils yet
reports-interest-line = • { $type }: { $count }
reports-no-result-line = • No questionnaire yet: { $count }
reports-uncovered = 🔍 Pupils are interested in these, but no trial offers them: { $directions }
reports-uncovered-none = 🔍 Every direction the pupils are interested in has a trial.
reports-not-reflected-count = 📝 Reflections still to write: { $count }
reports-school-hint = Tap a class to see its pupils. The button shows how many have a trial.
reports-not-reflected-title = 📝 Reflections still to write ({ $count }):
reports-not-reflected-line = • { $name }: { $trials }
reports-not-reflected-none = 📝 Everyone who attended has written a reflection.
reports-more = …and { $count } more

reports-trials-title = 🎟 Trials of { $year }: { $count }
reports-trials-empty = No trials in this school year yet.
reports-trials-line = came { $attended } of { $registered } signed up
reports-page = Page { $page } of { $pages }

reports-trial-registered = 📝 Signed up: { $count } (places: { $capacity })
reports-trial-confirmed = ✅ With consent: { $count }
reports-trial-attended = 🙋 Came: { $attended } · didn't come: { $noShow }
reports-trial-consent = ⏳ Consent awaited: { $pending } · refused: { $refused } · expired: { $expired }
reports-trial-waitlisted = 🕒 On the waiting list: { $count }
reports-trial-reflections = 💭 Reflections written: { $done } of { $due }
reports-trial-interest = 📈 Interest (1–5): { $before } → { $after } (answered before and after: { $pupils })
reports-trial-interest-none = 📈 Interest before → after: — (no one has answered both times yet)
reports-trial-liked = 👍 Liked it: { $share } (yes { $yes } · no { $no } · can't say { $unsure })
reports-trial-would-choose = 🎯 Would choose the profession: { $share } (yes { $yes } · no { $no } · can't say { $unsure })
reports-trial-useful = 💡 Found it useful: { $share } (yes { $yes } · no { $no } · can't say { $unsure })
reports-trial-rating = ⭐ Average rating: { $rating } of 5
reports-trial-button = 📊 Report

reports-district-title = 🗺 District · school year { $year }
reports-district-schools = 🏫 Schools: { $count }
reports-sectors-title = 🧭 Directions short of trials:
reports-sector-line = • { $direction }: pupils' interest { $demand } ({ $demandShare }), places { $supply } ({ $supplyShare })
reports-sectors-none = 🧭 No direction is short of trials.
reports-below-title = ⚠️ Schools below target: { $count }
reports-below-line = • { $school }: with a trial { $trial } · with 4+ contacts { $contacts } · rating { $rating }
reports-below-none = ✅ Every school is on target.

reports-btn-trials = 🎟 Trials
reports-btn-charts = 📈 Charts
reports-btn-exports = 📄 Exports
reports-btn-back = ↩️ Back
reports-btn-prev = ◀️ Back
reports-btn-next = Next ▶️
reports-btn-class-chart = 📈 Interest chart
reports-btn-trial-chart = 📈 Before → after chart

reports-exports-title = 📄 Exports · { $school } · { $year }. CSV opens in Excel; XLSX is an Excel workbook.
reports-district-exports-title = 📄 District exports · { $year }. Counts and shares only, no pupils' names.
reports-export-journal = Trial journal
reports-export-classes = Classes
reports-export-pupils = Pupils
reports-export-schools = Schools
reports-export-sectors = Directions
reports-export-all = Schools and directions
reports-export-all-xlsx = 📗 Schools and directions · XLSX
reports-export-caption = 📄 { $what } · { $school } · { $year } · rows: { $rows }
reports-district-caption = 📄 { $what } · district · { $year }

reports-charts-none = Nothing to draw yet: there are no pupils in grades 7–11.
reports-chart-kpi-title = Yearly targets · { $name } · { $year }
reports-chart-district-title = Yearly targets by school · { $year }
reports-chart-trial-label = At least one trial
reports-chart-contacts-label = Four or more contacts
reports-chart-target-label = Target: every pupil
reports-chart-interest-title = Interest types · { $name }
reports-chart-interest-subtitle = { $school } · { $year } · pupils: { $count }
reports-chart-no-result = No questionnaire yet
reports-chart-shift-title = Interest before → after · { $name }
reports-chart-before = Before
reports-chart-after = After
