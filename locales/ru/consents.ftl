## Consents: a parent's answers in the bot — the buttons on a consent request, the photo/video answer, health notes, /consents

consents-title = ✅ Ваши согласия
consents-none = Вы пока не подключены к ребёнку в Багдаре. Попросите ребёнка прислать Вам ссылку-приглашение или код, затем нажмите «🔗 Ввести код ребёнка».
consents-child = 👤 { $child }
consents-personal-data = 🔒 Персональные данные: { $state }
consents-pd-granted = Вы дали согласие
consents-pd-refused = Вы отказали
consents-pd-withdrawn = Вы отозвали согласие
consents-pd-none = ответа пока нет
consents-photo = 📷 Фото и видео: { $scope }
consents-photo-yours = (Ваш ответ: { $scope }; другой родитель ответил строже, а действует более строгий ответ)
consents-scope-publish = можно, в том числе публиковать
consents-scope-portfolio = только для портфолио, не публиковать
consents-scope-forbidden = нельзя
consents-scope-withdrawn = согласие отозвано, поэтому нельзя
consents-scope-unknown = ответа пока нет, поэтому ничего не публикуется
consents-no-trials = 🎟 Предстоящих проб нет.
consents-trial = 🎟 «{ $title }», { $when }
consents-state-pending = ⏳ ждёт Вашего ответа (до { $deadline })
consents-state-granted = ✅ Вы согласились, место подтверждено
consents-state-confirmed-other = ✅ место подтверждено: согласился другой родитель
consents-state-waitlisted = 🕒 в листе ожидания: если место освободится, Вам придёт запрос согласия

consents-photo-answer = 📷 Фото: { $child } — ответить
consents-photo-change = 📷 Фото: { $child } — изменить ответ
consents-photo-withdraw = 🚫 Фото: { $child } — отозвать согласие
consents-open = 📝 Прочитать и решить: { $what }
consents-withdraw = ↩️ Отозвать согласие: { $what }
consents-health-add = 🩺 О здоровье: { $what }
consents-back = ⬅️ К согласиям
consents-withdraw-yes = Да, отозвать

consents-granted = ✅ Спасибо! { $child } может участвовать в «{ $title }». Место подтверждено, ребёнку и педагогу мы сообщили.
consents-granted-also = ✅ Спасибо, Ваше согласие тоже записано. Место в «{ $title }» уже подтверждено: другой родитель согласился раньше. { $child } участвует.
consents-health-offer = Если педагогу нужно знать об ограничениях по здоровью (аллергия, астма или что-то другое), добавьте заметку: её увидят только педагоги ребёнка.
consents-health-button = 🩺 Добавить заметку о здоровье
consents-refused = Принято: { $child } не будет участвовать в «{ $title }». Место освобождено, ребёнку и педагогу мы сообщили.
consents-already = Ваш ответ уже записан.
consents-changed = ⚠️ С момента отправки того сообщения условия пробы изменились. Прочитайте, пожалуйста, актуальный текст ниже и ответьте ещё раз. Пока ничего не записано.
consents-question-changed = ⚠️ Вопрос с тех пор изменился. Ответьте, пожалуйста, на актуальный вариант ниже. Пока ничего не записано.

consents-photo-saved-publish = 📷 Записано. { $child }: фото и видео можно делать и публиковать.
consents-photo-saved-portfolio = 📁 Записано. { $child }: фото и видео — только для портфолио, публиковать их не будут.
consents-photo-saved-forbidden = ⛔ Записано. { $child }: не фотографировать и не снимать на видео.
consents-photo-stricter = Другой родитель ответил строже, а действует более строгий ответ: { $scope }.
consents-photo-change-later = Изменить ответ можно в любой момент в /consents.
consents-photo-withdraw-ask = { $child }: отозвать согласие на фото и видео? После этого на пробах ребёнка не будут фотографировать и снимать на видео.
consents-photo-withdrawn = Готово. { $child }: согласие на фото и видео отозвано. Педагоги теперь видят рядом с именем ребёнка «не фотографировать».
consents-photo-nothing = { $child }: Вы не давали согласия на фото, отзывать нечего.

consents-withdraw-ask =
    { $child }: отозвать согласие на участие в «{ $title }» ({ $when })?

    Запись сразу отменится, место предложат другому ученику, а педагог получит уведомление.
consents-withdrawn = Согласие отозвано. { $child }: запись на «{ $title }» отменена, педагог уведомлён.
consents-withdraw-nothing = Вы не давали согласия на эту пробу, отзывать нечего.

consents-health-skip = Пропустить
consents-health-expected = Напишите, пожалуйста, заметку текстом или нажмите «Пропустить».
consents-health-empty = Напишите хотя бы несколько слов или нажмите «Пропустить».
consents-health-too-long = Слишком длинно: { $length } знаков, а можно не больше { $max }. Попробуйте написать короче.
consents-health-saved = 🩺 Спасибо, заметка сохранена. Её увидят только педагоги, с которыми занимается { $child }.
consents-health-skipped = Хорошо, без заметки. Добавить её можно позже в /consents.
consents-health-needs-consent = Заметку о здоровье можно добавить после того, как Вы дали согласие на участие.

errors-consent-stale = Этот запрос уже неактуален: пробу могли отменить или она уже началась, либо запись отменена или решение по ней уже принято. Ничего не изменилось. Актуальное — в /consents.
