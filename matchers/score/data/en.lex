// English additions to the VADER lexicon — written for mentionwatch and
// shipped under the project's license (see DATA.md). Entries here replace
// VADER's for the same word. Format as in ru.lex.

// ---------------------------------------------------------------- grammar
0 neg | not never neither nor cannot cant without nothing nowhere none
-0.3 neg | nobody noone
0 neg | don't dont doesn't doesnt didn't didnt isn't isnt aren't arent wasn't wasnt weren't werent
0 neg | won't wont wouldn't wouldnt can't couldn't couldnt shouldn't shouldnt haven't havent hasn't hasnt
0 neg | hadn't hadnt ain't aint mustn't mustnt needn't neednt shan't shant rarely seldom
-0.4 neg | no
0 but | but however nevertheless nonetheless
0 boost=0.293 | absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely
0 boost=0.293 | especially exceptionally extremely fabulously flipping flippin frackin fracking fricking frickin
0 boost=0.293 | frigging friggin fully greatly hella highly hugely incredibly intensely majorly particularly
0 boost=0.293 | purely quite really remarkably so substantially thoroughly totally tremendously uber unbelievably
0 boost=0.293 | unusually utterly very super soo sooo such most
0 boost=-0.293 | almost barely hardly kinda kindof less little marginally occasionally partly scarcely slightly somewhat sorta sortof
0 me | i me my mine myself we us our ours i'm im i've ive i'd i'll you your you're youre yours u ur we're we've we'll we'd you've you'll you'd
0 barrier | and or which because if when after before since until than
0 qw | how what when where who which whats what's hows how's is are am was were do does did can could will would should shall may might has have had any anyone anybody
-2.0 intens | fucking fuckin fkn effin frickin freaking freakin bloody damn damned goddamn

// ----------------------------------------------------------- profanity
-2.5 prof | fuck fucked fucker fuckers fucks fuckup motherfucker motherfuckers wtf stfu
-2.0 prof | shit shitty shitshow bullshit crap crappy crapy ass asshole assholes jackass dumbass
-2.3 prof | bitch bitches bastard bastards dick dicks douche douchebag piss pissed screw screwed
-1.5 prof | damn dammit goddammit hell sucks suck sucked sucky

// ---------------------------------------------- customer service, travel
-1.6 #complaint | delayed delay delays delaying
-1.8 #complaint | cancelled canceled cancellation cancellations
-1.0 | cancel cancelling canceling
-2.0 #complaint | stuck stranded overbooked oversold bumped overcharged
-1.5 #complaint | missed misplaced mishandled damaged broken lost lose losing
-1.0 | late
-0.5 | wait
-0.6 | waiting
-0.8 | waited
-1.0 #complaint | refund refunds reimburse reimbursement reimbursed compensation compensate voucher
-1.5 #complaint | complaint complaints complain complaining complained
-2.3 | rude unprofessional incompetent incompetence unhelpful useless unacceptable disgrace disgraceful
-2.3 | horrible horrendous atrocious abysmal appalling pathetic terrible awful dreadful lousy
-2.0 | ridiculous absurd outrageous nightmare disaster mess chaos fiasco shambles clusterfuck
-1.8 | frustrated frustrating frustration annoyed annoying irritated irritating upset angry furious livid
-1.8 | disappointed disappointing disappointment disappoint fail failed fails failure
-1.2 | ignored ignoring ignore unanswered excuse excuses nonsense joke seriously smh ugh argh
-1.0 | fee fees charged charging surcharge expensive pricey overpriced
-1.5 | dirty filthy smelly cramped uncomfortable crowded
-1.0 | issue issues problem problems trouble glitch glitches bug bugs error errors outage
down 0 care=-0.3
again 0 care=-0.3
still 0 care=-0.3
-2.0 #churn | neveragain
-2.0 | lies lie lied lying liar liars
0.2 !-1.5 solved | helped
help 1.7 care=0 !-1.5 solved
helping 1.2 care=0.2 !-1.5 solved
helps 1.6 care=0.2 !-1.5 solved
0 !-1.8 | work works working worked answer answered answering respond responded responding response reply replied
0 !-1.5 | arrive arrived arrival receive received show showed showed call called callback update updates updated info information
0 !-1.2 solved | get got getting
0.2 request | plse
please 1.3 care=0.2 request
pls 0.3 care=0.2 request
plz 0.3 care=0.2 request
// "like" on its own is mostly the preposition or a filler ("like 9 pm",
// "just like"); the verb is a phrase of en.phr ("i like", "don't like").
// In general English it keeps two thirds of VADER's 1.5: a comparison
// ("feels like a Sunday", "more like the Colorado I know") was mostly
// heard as mildly favourable by VADER's raters
like 1.5 care=0.3 gen=1
want 0.3 care=0.2
ok 1.0 care=0.4
okay 0.9 care=0.4
sure 1.3 care=0.4
yes 1.7 care=0.4
yeah 1.2 care=0.4
fine 0.8 care=0.4
cheers 2.1 care=0.4
well 1.1 care=0.6
hope 1.9 care=1.0
hoping 1.8 care=1.0
clear 1.6 care=0.5
share 1.2 care=0.5
shares 1.2 care=0.5
treat 1.7 care=0.5
alert 1.2 care=0.5
kind 2.4 care=0.5
awards 2.0 care=1.0
care 2.2 care=1.0 !-1.8
cares 2.0 care=1.0 !-1.8
cared 1.8 care=1.0 !-1.8
1.0 | chance
free 2.3 care=1.0
top 0.8 care=1.0
win 2.8 care=1.0
1.5 | ontime smooth seamless reliable comfy
1.5 solved | fixed
efficient 1.8 care=1.5
courteous 2.3 care=1.5
resolved 0.7 care=1.5 solved
// help given: "thanks for rebooking us" is praise whatever went wrong before
0 solved | assistance assist assisted assisting finding found fixing rebook rebooked rebooking reroute rerouted
0 solved | switched sorted sorting handled handling waived waiving accommodated refunded upgraded delivered
0 solved | returned reunited located tracked expedited taking took
2.0 #praise polite | ty grateful
thanks 1.9 care=2.0 #praise polite
thank 1.5 care=2.0 #praise polite
thx 1.5 care=2.0 #praise polite
appreciate 1.7 care=2.0 #praise polite
appreciated 2.3 care=2.0 #praise polite
2.0 #praise | shoutout props
exceptional 2.8 #praise
kudos 2.3 care=2.0 #praise
love 3.2 care=2.5 #praise
loved 2.9 care=2.5 #praise
loving 2.9 care=2.5 #praise
lovely 2.8 care=2.5 #praise
great 3.1 care=2.5 #praise
awesome 3.1 care=2.5 #praise
amazing 2.8 care=2.5 #praise
excellent 2.7 care=2.5 #praise
fantastic 2.6 care=2.5 #praise
wonderful 2.7 care=2.5 #praise
perfect 2.7 care=2.5 #praise
best 3.2 care=2.5 #praise
recommend 1.5 care=2.5 #praise
recommended 0.8 care=2.5 #praise
outstanding 3.0 care=2.5 #praise
superb 3.1 care=2.5 #praise
brilliant 2.8 care=2.5 #praise
impressive 2.3 care=2.5 #praise
impressed 2.1 care=2.5 #praise
1.8 | helpful nice
friendly 2.2 care=1.8
good 1.9 care=1.8
glad 2.0 care=1.8
happy 2.7 care=1.8
pleased 1.9 care=1.8

// ------------------------------------------------------- fraud, legal, churn
-2.5 #fraud | scam scams scammer scammers scammed scamming fraud frauds fraudulent fraudster fraudsters
-2.5 #fraud | ripoff ripped stole steal stealing steals stolen thief thieves crook crooks crooked phishing swindle swindled theft
-1.5 #legal | lawsuit lawsuits sue suing sued litigation
-0.8 #legal | attorney attorneys lawyer lawyers court courts ombudsman
0 #legal | bbb ftc cfpb faa fcc dot
-0.5 #churn solved | switching

// ------------------------------------------- VADER words re-weighed for
// customer messages, where they are mostly not opinions
0 | united wish certain credit god promise
-0.5 | promised
yep 1.2 care=0.3
entertainment 1.8 care=0.3
party 1.7 care=0.3
original 1.3 care=0.3
security 1.4 care=0.3
better 1.9 care=0.5
wow 2.8 care=0.5
profitable 1.9 care=0.5
profitability 1.1 care=0.5
opportunity 1.8 care=0.5
lol 1.8 care=1.0
haha 2.0 care=1.0
hahaha 2.6 care=1.0
welcome 2.0 care=1.0
easy 1.9 care=1.0
trust 2.3 care=1.0
safe 1.9 care=1.0
luck 2.0 care=1.0
loyalty 2.5 care=1.0
loyal 2.1 care=1.0
reward 2.7 care=1.0
rewards 2.1 care=1.0
warmth 2.0 care=1.0
support 1.7 care=0.5 !-1.5
-2.5 prof | fu
0 | number wilco hand play
0.8 boost=0.2 | surely clearly certainly truly definitely
1.5 boost=0.293 | pretty
chance 1.0 care=0.3
hoped 1.6 care=0.3
ready 1.5 care=0.5
favor 1.7 care=0.5
valuable 2.1 care=0.5
valuables 2.1 care=0.5
sunny 1.8 care=0.5
complimentary 1.9 care=0.5
peace 2.5 care=1.0
respect 2.1 care=1.0
-2.0 | trash garbage junk rubbish
-1.5 | disconnect disconnects disconnected disconnecting
0 | stop
-0.8 | zero
2.5 #praise | phenomenal stellar rockstar rockstars
2.0 | rad refreshed
1.5 | rock rocks recognition deserves deserved
-1.5 #complaint | blocked
-2.0 | disrespectful disrespected disrespect
-1.5 | poop
// staff behaviour and doubt, in messages to the brand
-1.5 #complaint | yelled yelling rushed
-0.8 | supposedly allegedly
-1.0 | darn shenanigans

// ------------------------------------------- everyday customer English
-1.5 | buggy laggy glitchy clunky
1.8 | polite
