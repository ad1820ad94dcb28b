## Help and command menu

help-intro = Bagdar helps school pupils choose a career: discover their interests, try a profession at a professional trial and think over how it went.
help-student = 🎒 Pupils: invite a parent so they can give consent for trials.
help-guardian = 👪 Parents: connect through your child's invite; consent requests and reminders will come here.
help-teacher = 🧑‍🏫 Teachers: your school's trials, lists and consents.
help-admin = ⚙️ Coordinators: schools and teacher invites, /admin.
help-commands =
    /menu — main menu
    /trials — find a trial (for teachers: the school's trials)
    /mytrials — my trials
    /consents — consents for my children (for parents)
    /questionnaire — interest questionnaire
    /results — my results
    /portfolio — my portfolio
    /reports — reports and targets (for teachers and coordinators)
    /language — change the language
    /privacy — what data we keep
    /mydata — get your data
    /delete — delete your data
    /cancel — stop the current dialog
commands =
    .start = Get started
    .menu = Main menu
    .trials = Trials
    .mytrials = My trials
    .consents = Consents for my children
    .questionnaire = Interest questionnaire
    .results = My results
    .portfolio = My portfolio
    .reports = Reports
    .language = Change the language
    .privacy = What data we keep
    .mydata = Get my data
    .delete = Delete my data
    .cancel = Stop the dialog
    .help = Help
