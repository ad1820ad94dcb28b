## Onboarding: role and the pupil's profile

onboarding-role =
    Кто вы?

    Педагоги подключаются по приглашению от координатора района — просто откройте ссылку из него.
onboarding-role-student = 🎒 Я ученик
onboarding-role-guardian = 👪 Я родитель
onboarding-use-buttons = Пожалуйста, нажмите одну из кнопок.
onboarding-text-expected = Напиши ответ обычным текстом.
onboarding-first-name = Как тебя зовут? Напиши имя так, как оно записано в школьном журнале.
onboarding-last-name = А фамилия?
onboarding-name-empty = Напиши хотя бы одну букву.
onboarding-name-too-long = Слишком длинно: не больше 50 букв.
onboarding-name-not-letters = Только буквы, пожалуйста: без цифр, смайликов и знаков. Дефис или пробел можно.
onboarding-school = В какой школе ты учишься? Напиши часть названия или номер, например «12» или «Абай».
onboarding-school-found = Нашлось вот что. Выбери свою школу:
onboarding-school-none = Не нашёл школу по запросу «{ $query }». Попробуй другую часть названия или номер. Если твоей школы нет, скажи об этом классному руководителю.
onboarding-school-search-again = 🔎 Искать снова
onboarding-grade = В каком ты классе?
onboarding-grade-invalid = Багдар для учеников 5–11 классов. Выбери свой класс кнопкой.
onboarding-class-letter = А буква класса? Напиши одну букву, например А или Б.
onboarding-class-letter-invalid = Нужна одна буква, например А, Ә или B.
onboarding-confirm =
    Проверь, всё ли верно:

    Имя: { $firstName }
    Фамилия: { $lastName }
    Школа: { $school }
    Класс: { $class }

    Если что-то не так, нажми на это поле и исправь.
onboarding-fix-first-name = ✏️ Имя
onboarding-fix-last-name = ✏️ Фамилия
onboarding-fix-school = ✏️ Школа
onboarding-fix-grade = ✏️ Класс
onboarding-fix-class-letter = ✏️ Буква
onboarding-confirm-yes = ✅ Всё верно
onboarding-student-done = Отлично, { $firstName }, всё готово!
onboarding-guardian-done = Добро пожаловать! Здесь вы будете давать согласие на профессиональные пробы ребёнка и получать напоминания.
onboarding-later = Позже
