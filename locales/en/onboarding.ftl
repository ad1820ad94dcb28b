## Onboarding: role and the pupil's profile

onboarding-role =
    Who are you?

    Teachers join through an invite from their district coordinator: just open the link in it.
onboarding-role-student = 🎒 I'm a pupil
onboarding-role-guardian = 👪 I'm a parent
onboarding-use-buttons = Please tap one of the buttons.
onboarding-text-expected = Please send your answer as plain text.
onboarding-first-name = What's your first name? Write it the way it is in the class register.
onboarding-last-name = And your last name?
onboarding-name-empty = Please write at least one letter.
onboarding-name-too-long = That's too long: 50 letters at most.
onboarding-name-not-letters = Letters only, please: no digits, emoji or symbols. A hyphen or a space is fine.
onboarding-school = Which school do you go to? Type part of its name or its number, for example "12" or "Abai".
onboarding-school-found = Here's what I found. Pick your school:
onboarding-school-none = I couldn't find a school for "{ $query }". Try another part of the name or the number. If your school isn't there, tell your class teacher.
onboarding-school-search-again = 🔎 Search again
onboarding-grade = Which grade are you in?
onboarding-grade-invalid = Bagdar is for grades 5 to 11. Pick your grade with a button.
onboarding-class-letter = And your class letter? Send one letter, for example A or B.
onboarding-class-letter-invalid = Just one letter, please, for example A, Ә or B.
onboarding-confirm =
    Check that everything is right:

    First name: { $firstName }
    Last name: { $lastName }
    School: { $school }
    Class: { $class }

    If something is wrong, tap that field and fix it.
onboarding-fix-first-name = ✏️ First name
onboarding-fix-last-name = ✏️ Last name
onboarding-fix-school = ✏️ School
onboarding-fix-grade = ✏️ Grade
onboarding-fix-class-letter = ✏️ Letter
onboarding-confirm-yes = ✅ All correct
onboarding-student-done = Great, { $firstName }, you're all set!
onboarding-guardian-done = Welcome! This is where you'll give consent for your child's professional trials and get reminders.
onboarding-later = Later
