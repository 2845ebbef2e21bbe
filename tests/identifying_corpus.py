"""The corpus of the identifying-details check, as data (no tests here): read by
tests/test_sharing_identifying.py and bench/bench_identifying.py. A Python module so that the
sdist carries it with the tests."""

# ruff: noqa: E501  (sentences as people write them, one a line)
CORPUS = """\
# The corpus of the identifying-details check (tests/test_sharing_identifying.py, and the
# precision and recall in docs/identifying-details.md). One sentence a line; each detail the
# check must find is written [[kind:text]] (kinds: phone, email, address, birth, name). A line
# that starts with "~ " is a known limit: the check is known to get it wrong (the truth is still
# marked), so it counts in the figures but is not asserted line by line.

## phone numbers
She gave me her number, [[phone:617-555-0123]], in case the van was late.
Call [[phone:(617) 555-0199]] after six.
He texted from [[phone:+1 617 555 0142]] this morning.
The number on the form was [[phone:617.555.0177]].
Try [[phone:1-800-555-0100]] for the landlord.
His mobile is [[phone:07700 900123]] and he prefers texts.
Her old landline was [[phone:020 7946 0958]].
Ring [[phone:+44 (0)20 7946 0321]] if the clinic is closed.
The contact is [[phone:+44 7700 900456]].
Her mobile [[phone:0412 345 678]] was on the sign-in sheet.
Reach him on [[phone:04 1234 5678]] most days.
The office line is [[phone:(02) 9876 5432]].
Call [[phone:+61 2 9876 5432]] from overseas.
I wrote [[phone:6175550123]] on the back of my hand.
The number [[phone:555-0134]] kept ringing.
His cell is [[phone:+1-617-555-0188]], he said.
Leave a message on [[phone:0161 496 0000]].
She called from [[phone:+353 1 555 0123]] while visiting family.

## email addresses
Her email is [[email:jo.smith@example.org]], she asked me to write.
Send it to [[email:sam_t+notes@mail.example.com]] please.
He wrote from [[email:DJ.Walker@Example.co.uk]] late at night.
Reply to <[[email:peer.support@agency.example.net]]> by Friday.
I had [[email:a1@b.io]] written in my notes.

## street addresses
She lives at [[address:12 Elm Street]], near the park.
We met at [[address:221B Baker St.]] for coffee.
He is staying at [[address:48 Riverside Drive]] now.
The shelter is at [[address:7 Church Road]].
I drove to [[address:1600 Pennsylvania Avenue]] by mistake.
Her flat is at [[address:3/45 Smith Road]].
She moved into [[address:Apt 4]] last week.
He is in [[address:Apartment 12B]] on the top floor.
Post it to [[address:PO Box 12]] instead.
Letters go to [[address:P.O. Box 4471]].
He lives on [[address:9 maple street]] with his aunt.
The group meets at [[address:15 Harbour Parade]].
Her address ends in [[address:Boston, MA 02139]].
Send it to [[address:SW1A 1AA]], she said.
She grew up in [[address:Bondi NSW 2026]].
I visited [[address:Flat 2]] again.

## dates of birth
He was [[birth:born 3/4/1987]], he told the group.
Her [[birth:DOB 1987-04-03]] was on the intake form.
The form said [[birth:D.O.B. 12/11/1975]].
Her [[birth:birthday is on the 3rd of May]] and she wanted a card.
He was [[birth:born on 14 February 1990]].
She was [[birth:born in 1962]] and remembers the old hospital.
Her [[birth:date of birth: 9 September 1958]] was wrong on the letter.
He mentioned his [[birth:birthday, April 3rd]], twice.
The card said [[birth:3 April 1987]].
The letter was dated [[birth:April 3, 1979]].
I saw [[birth:1987-04-03]] on the old file.
Her [[birth:DOB 3/4/87]] was wrong in the system.

## names
I sat with [[name:Jessica]] for an hour.
[[name:Michael]] was worried about his housing.
[[name:Sarah Jones]] came to group again.
I talked with [[name:Tyler]] about his goals.
My client [[name:Will]] said he felt heard.
I spent the afternoon with [[name:Grace]] at the library.
Her daughter [[name:Hope]] was there too.
I told [[name:Joy]] I would call back.
I talked to [[name:May]] about her plans.
[[name:Grace]] said she felt respected.
[[name:Mark Thomas]] asked for a different peer supporter.
[[name:Will]]'s brother came along.
[[name:Ms Okafor]] called the office.
[[name:Mr. Nguyen]] wanted to reschedule.
~ [[name:Faith Hill]] shared her story.
[[name:Carlos]] and [[name:Grace]] came together.
I met [[name:Maria]] and [[name:Rose]] at the drop-in.
Her name is [[name:Hope]], she said, and she laughed.
[[name:Patricia]], [[name:Linda]] and [[name:Barbara]] all joined.
I reminded [[name:Frank]] about the meeting.
I sat with [[name:Sunny]] while she waited.
[[name:Kevin]]'s mother called me.
I drove [[name:Max]] to his appointment.
[[name:Mary-Jane]] asked about the group.
Tuesday's group with [[name:Carol]] was the best so far.
~ I worried about [[name:Grace]] all week.
~ then [[name:sarah]] said it was fine.
~ [[name:Aroha]] said she felt heard.
~ [[name:JESSICA]] was upset.

## ordinary sentences that must not be flagged
Hope came up again in group today.
I tried to hold on to hope when things were hard.
Will I be ready to share my story next time?
I will try to ask one open question first.
May was a hard month for me.
We may need more time to talk about boundaries.
Grace under pressure is something I am learning.
I felt a lot of joy when the group laughed together.
Faith in the process helped me stay steady.
June was better; in June I took more breaks.
Mark the date when you finish the training.
Bill paying is a topic people bring to me often.
Art group was a good place to connect.
Sunny days make the walk to the office easier.
Rose early and went for a walk before work.
Max two hours a week for paperwork, I decided.
I rated myself 3 out of 4 on transparency.
In 2019 I started as a peer supporter.
I first came to group in 2019, after a long time alone.
We met at 10:30 in the small room.
Step 12 came up in the recovery group.
We moved to room 5 because the heater was broken.
My rating went from 2 to 3 this month.
Rating: 3 — Steady.
Peer Supporters Are Hopeful, and I want to live that value.
Peer Supporters Are Respectful; I noticed where I was not.
ACCS and DMH rules shaped how we planned the visit.
As a CPS I try to stay in my role.
My supervisor and I talked about peer drift.
I kept the person's choices at the centre.
Drew on my own experience when it felt right.
Frank conversations with my supervisor help.
Chase fewer deadlines and more connections.
Grant funding for the program ends in June.
Summer is hard for some people we support.
Dawn is my favourite time to reflect.
Christmas can be lonely for people.
Don't forget to breathe.
A Hope-filled week, mostly.
We talked about Hope and Respect as values.
I spent 20 minutes on the phone.
We had 3 sessions, 2 groups and 1 training this week.
The training is from 2019-2020 and again in 2024.
Costs went from $1,500 to $2,000.
About 10 000 000 people live with this, the speaker said.
I walked 5 minutes down the road to the café.
We talked for 2 hours on the street outside.
Session 3 of 12 is next Tuesday.
Version 1.2.3 of the app crashed.
I moved to Sydney last year for this job.
The training was in North Carolina.
The clinic on Jackson Street is closing.
We went to Lincoln Center for the conference.
I read the guidance from March 3, 2024 again.
The meeting on 3/4/2024 went well.
Unit 3 of the training was about boundaries.
My ratings: 3, 4, 3, 2, 4.
I gave it 4/4 this time.
I take the 7.30 bus most days.
The number of people in group went from 8 to 12.
On the 1st of June we start a new group.
I was a bit rusty but willing.
My sister's birthday is coming up and I need a break.
We celebrated my birthday at work.
Born again in a way: recovery changed me.
Open-minded, curious, patient: my words for the week.
The CARC training runs in three parts.
PS relationships can be mutual and reciprocal.
I kept my notes in a locked drawer, as the policy says.
I'll ask my supervisor about 1:1 time.
We did a 15-minute check-in.
Listened more, talked less.
Young people in the group had a lot to say.
Long days, but good ones.
Royal blue is the colour of the new flyers.
Noble intentions are not enough; I need to follow through.
Crystal clear: I need to ask before I share.
Penny dropped halfway through the session.
Ward rounds were busy today.
Foster care came up for one person.
Christian faith matters to some people I support.
Jesus was mentioned in the spirituality group.
Angel investors funded the new drop-in.
Prince of the week: the cat who visits the garden.
See May 3 in the team calendar for the training.
My Dx Plan was discussed with the team, with my consent.

## held out (written after the rules, measured before any change)
Today I supported someone through a really difficult phone call with their landlord.
I noticed I wanted to fix things for [[name:Deborah]] instead of listening.
Went with [[name:Marcus]] to his court date; he was nervous the whole way.
Hope is something I carry for people until they can carry it themselves.
My supervisor reminded me that choice matters more than speed.
The new intake worker asked me for [[name:Jamal]]'s address, which was [[address:55 Oak Avenue]], but I said I would ask him first.
Someone in group said her [[birth:birthday was 22/07/1969]] and nobody had remembered it.
I left a voicemail on [[phone:0208 123 4567]] but haven't heard back.
Check the shared inbox: [[email:referrals@northside-recovery.org]] had two new ones.
When [[name:Angela]] cried I stayed quiet and just sat with her.
I'm proud I didn't take over the conversation.
We did the WRAP plan together and he chose every word.
Felt drained after the 3 back to back sessions.
Next time I will ask "what would help right now?" before offering anything.
I shared a little of my own story; it seemed to help [[name:Luis]] open up.
Power differences showed up when the nurse walked in.
I rated empathy a 2 because I rushed people this week.
Took my lunch break for once!
Her case manager called about the housing voucher at 2:15.
I saw [[name:Tom]] and his dog at the bus stop, which was a dual relationship moment.
The hospital discharged her on 12 March without telling us.
He lives in [[address:Flat 6]] above the shop.
[[name:Mrs Delgado]] thanked me at the end.
She said her [[birth:D.O.B. was 1 January 1980]] but the file says otherwise.
Respectful language matters: I said "person", not "case".
Our team meeting ran over by 45 minutes.
I asked if I could share my experience, and waited for a yes.
Call me back on [[phone:+61 412 555 012]], she wrote on the note.
Monday was heavy; Friday felt lighter.
[[name:Ashley]] and I practised the script for her benefits appeal.
[[name:Brian]] hasn't come to group for 3 weeks and I miss him.
I need support with saying no to extra tasks.
Coffee with [[name:Will]] after group helped him relax.
The group voted to move to Thursdays at 1pm.
I felt honest and direct for once, even though it was uncomfortable.
Strength-focused: I named two things she did well.
I reached out to [[name:Destiny]] again; no answer yet.
Transparent about what I write down, as always.
There were 14 people at the mutual aid meeting.
I will bring this to supervision on the 14th.
He wanted to stop peer support for a while and that is his right.
Drove past [[address:18 Willow Crescent]] and remembered the first visit.
The consent form had his email, [[email:darren.k77@gmail.com]], on it.
I used my lived experience without making it about me.
My goal: fewer assumptions, more questions.
"""
