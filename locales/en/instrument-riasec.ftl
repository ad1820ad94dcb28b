## Instrument: interests (RIASEC). Keys follow instrumentKeys() in src/domain/questionnaire.ts.

riasec-title = Interests
riasec-size = { $total } questions · about 5 minutes
riasec-intro = I'll show you { $total } different activities. For each one, say whether you'd like it. Don't worry about whether you can already do it — what matters is whether you'd want to.
riasec-question = How do you like this?
riasec-answer-like = 👍 Like
riasec-answer-unsure = 🤔 Not sure
riasec-answer-dislike = 👎 Dislike

riasec-item-r-bike = Fix a bicycle or a scooter
riasec-item-i-lab = Do an experiment in a chemistry lab
riasec-item-a-comics = Draw a comic or illustrate a book
riasec-item-s-explain = Explain a hard topic to a classmate
riasec-item-e-trip = Organise a trip for the whole class
riasec-item-c-spreadsheet = Enter data into a spreadsheet and tidy it up
riasec-item-s-camp = Run games for younger kids at a summer camp
riasec-item-a-instrument = Play the dombra, komuz or guitar in a band
riasec-item-c-library = Shelve the school library's books by the catalogue
riasec-item-r-farm = Look after horses and sheep on a farm
riasec-item-i-quake = Find out how scientists forecast earthquakes
riasec-item-e-fair = Sell things you made at a school fair
riasec-item-i-microscope = Look at a drop of river water under a microscope
riasec-item-e-captain = Captain a team in a competition
riasec-item-r-wood = Make a shelf or a birdhouse out of wood
riasec-item-c-class-fund = Keep the class money accounts: what came in and what was spent
riasec-item-a-video = Shoot and edit a video for the school channel
riasec-item-s-patients = Help a nurse look after patients
riasec-item-c-proofread = Check a text and find every mistake in it
riasec-item-s-volunteer = Volunteer to help older people
riasec-item-e-pitch = Persuade the head teacher to back your idea
riasec-item-a-ornament = Design a national ornament for clothes or a souvenir
riasec-item-r-greenhouse = Grow tomatoes and cucumbers in a greenhouse
riasec-item-i-puzzle = Solve a hard logic puzzle
riasec-item-a-stage = Play a part in a school play
riasec-item-r-tractor = Drive a tractor or a combine harvester in the fields
riasec-item-s-support = Listen to a friend who feels down and cheer them up
riasec-item-i-wheat = Test which fertiliser helps wheat grow best
riasec-item-c-schedule = Draw up the match schedule for a school tournament
riasec-item-e-business = Come up with a small business of your own — say, horse rides for tourists

riasec-scale-r = Maker
riasec-scale-r-about =
    You like working with your hands and seeing the result: fixing, building, growing.
    Machines, tools, land and animals are your world.
riasec-scale-r-try = college workshops, a car service, a farm, a building site, a factory floor
riasec-scale-i = Explorer
riasec-scale-i-about =
    You want to get to the bottom of things: why they work this way and how to check.
    Experiments, puzzles and observations don't scare you — they pull you in.
riasec-scale-i-try = university and college labs, an agricultural research station, a geology museum, an IT company's analytics team, a hospital
riasec-scale-a = Creator
riasec-scale-a-about =
    Inventing things and expressing yourself matters to you: drawing, music, video, the stage.
    You notice beauty where others walk past.
riasec-scale-a-try = a design studio, an architecture office, a video studio, a music school or arts college, a tailor's studio, a theatre
riasec-scale-s = Helper
riasec-scale-s-about =
    People interest you: explaining, supporting, helping.
    Others feel calmer and understand things better when you're around.
riasec-scale-s-try = a school or kindergarten, a clinic or hospital, a social centre, a summer camp, a counselling service
riasec-scale-e = Organiser
riasec-scale-e-about =
    You like to lead, to negotiate and to get new things started.
    You're not afraid of responsibility or of convincing others.
riasec-scale-e-try = a small business or farm, a travel company, a hotel, a marketing agency, a business incubator
riasec-scale-c = Keeper of order
riasec-scale-c-about =
    You like everything in its place: numbers that add up, papers in order.
    People can rely on your accuracy and care.
riasec-scale-c-try = an accounts office or a bank, a logistics centre or warehouse, an IT company's testing team, a pharmacy
