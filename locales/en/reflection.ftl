## Reflections after a trial: the "after" questions an hour later, the "trace" a day later, and the parents' short summary

reflection-start = ✍️ Start
reflection-after-prompt =
    👋 How was «{ $title }»?
    Tell us in a few minutes what you did and how it felt. There are no right or wrong answers, and "this isn't for me" is a useful discovery too.
reflection-trace-prompt =
    🔎 A day has passed since «{ $title }». Look back once more: what stayed with you? Five short questions, only the last one is required.
reflection-after-already = You've already shared your thoughts about this trial. Thank you! /portfolio shows them.
reflection-trace-already = You've already looked back on this trial. Thank you!
reflection-after-intro =
    ✍️ Reflection on «{ $title }»
    Answer honestly, in your own words. If you found out that this job isn't for you, that's a good result too: now you know more about yourself. You can skip most questions; /cancel stops without saving.
reflection-trace-intro =
    🔎 Looking back at «{ $title }»
    Write whatever comes to mind, even a few words. /cancel stops without saving.

reflection-after-q-didWhat = 1/6. What exactly did you do there? Describe it in a couple of sentences.
reflection-after-q-wentWell = 2/6. What went well, and why do you think it did?
reflection-after-q-hardHow = 3/6. What was hard, and how did you deal with it?
reflection-after-q-demands = 4/6. What does this job ask of a person? What did you notice?
reflection-after-q-aboutMe = 5/6. What did you learn about yourself?
reflection-after-q-continue = 6/6. Do you want to keep exploring this field, and how? "No, it's not for me" is a fine answer too.

reflection-trace-q-new = 1/5. What was new for you?
reflection-trace-q-easyHard = 2/5. What was easy, and what was hard?
reflection-trace-q-suits = 3/5. Which parts of this job suit you?
reflection-trace-q-doubts = 4/5. What makes you doubt?
reflection-trace-q-nextStep = 5/5. What's your next step? For example: try another trial, read about the job, talk to someone who does it, or choose a different field.

reflection-skip = ⏭ Skip
reflection-yes = Yes
reflection-no = No
reflection-unsure = Can't say
reflection-expected-text = Please answer in a message, in your own words.
reflection-expected-text-or-skip = Please answer in a message, or tap "⏭ Skip".
reflection-expected-button = Please choose one of the buttons.
reflection-expected-artifact = Send a photo or a file, or tap "No, nothing to add".
reflection-text-empty = The answer is empty. Write a few words, please.
reflection-text-too-long = That's { $length } characters; please keep it within { $max }.

reflection-after-liked = Did you like it?
reflection-after-would-choose = Would you choose this job for yourself?
reflection-after-useful = Was the trial useful to you?
reflection-after-rating = How would you rate this trial overall, from 1 (poor) to 5 (excellent)?

reflection-self-task = Rate yourself from 1 to 3. Did you understand the task?
reflection-self-procedure = Did you follow the steps in the right order?
reflection-self-accuracy = How accurately did you work?
reflection-self-communication = How well did you talk with the mentor and the others?
reflection-self-safety = Did you follow the safety rules?
reflection-score-1 = 1 · not yet
reflection-score-2 = 2 · partly
reflection-score-3 = 3 · yes

reflection-after-interest = How interesting is this field to you now, from 1 (not at all) to 5 (very)?
reflection-interest-1 = 1
reflection-interest-2 = 2
reflection-interest-3 = 3
reflection-interest-4 = 4
reflection-interest-5 = 5

reflection-after-artifact = 📎 Do you have a photo of your work or a file (a report, a drawing, a checklist)? Send it here. If not, tap the button.
reflection-artifact-none = No, nothing to add
reflection-after-portfolio = Shall we put it in your portfolio? Only you decide.
reflection-after-share = May we tell your parents what you did (your answer to the first question)? If not, they'll only get a short general note.

reflection-after-saved = ✅ Saved. Thank you for your honesty! Whatever you found out, it helps you choose. Tomorrow I'll ask you a few more short questions.
reflection-trace-saved = ✅ Saved to your portfolio. Good luck with your next step!

errors-reflection-not-attended = This reflection is for pupils who took part in the trial.
errors-reflection-done = This is already saved. Thank you!

reflection-parent-summary =
    📋 How the trial went: { $child }
    «{ $title }», { $when }
    Where: { $organisation }
    Mentor: { $mentor }
    { $shared ->
        [yes] What { $child } did, in their own words: «{ $did }»
       *[no] { $child } tried the work of this profession in practice, with a mentor.
    }

    What next, if you wish:
    • talk at home about what { $child } liked and what was hard;
    • take the interest questionnaire in Bagdar together;
    • look at other trials in Bagdar;
    • visit a college open day in this field.
