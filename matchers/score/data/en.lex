// English additions to the VADER lexicon — written for mentionwatch and
// shipped under the project's license (see DATA.md). Entries here replace
// VADER's for the same word. Format as in ru.lex.

// ---------------------------------------------------------------- grammar
0 neg | not never neither nor cannot cant without nothing nowhere none nobody noone
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
0 me | i me my mine myself we us our ours i'm im i've ive i'd i'll you your you're youre yours u ur
0 barrier | for to of with from by and or which because if when after before since until than
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
-1.0 | late waiting waited wait
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
-0.3 | down
-0.3 | again still
-2.0 #churn | neveragain
-2.0 | lies lie lied lying liar liars
0.2 !-1.5 | help helped helping helps
0 !-1.8 | work works working worked answer answered answering respond responded responding response reply replied
0 !-1.5 | arrive arrived arrival receive received show showed showed call called callback update updates updated info information
0 !-1.2 | get got getting
0.2 request | please pls plz plse
0.3 | like
0.2 | want
0.4 | ok okay sure yes yeah fine cheers
0.6 | well
1.0 | hope hoping
0.5 | clear share shares treat alert kind
1.0 | awards
1.0 !-1.8 | care cares cared
1.0 | free top win chance
1.5 | ontime smooth seamless efficient courteous resolved fixed reliable comfy
2.0 #praise polite | thanks thank thx ty appreciate appreciated grateful
2.0 #praise | kudos shoutout props
2.5 #praise | love loved loving lovely great awesome amazing excellent fantastic wonderful perfect best
2.5 #praise | recommend recommended outstanding superb brilliant impressive impressed
1.8 | helpful friendly nice good glad happy pleased

// ------------------------------------------------------- fraud, legal, churn
-2.5 #fraud | scam scams scammer scammers scammed scamming fraud frauds fraudulent fraudster fraudsters
-2.5 #fraud | ripoff ripped stole steal stealing steals stolen thief thieves crook crooks crooked phishing swindle swindled
-1.5 #legal | lawsuit lawsuits sue suing sued litigation
-0.8 #legal | attorney attorneys lawyer lawyers court courts ombudsman
0 #legal | bbb ftc cfpb
-0.5 #churn | switching

// ------------------------------------------- VADER words re-weighed for
// customer messages, where they are mostly not opinions
0 | united wish certain credit god promise
-0.5 | promised
0.3 | yep entertainment party original security
0.5 | better wow profitable profitability opportunity
1.0 | lol haha hahaha welcome easy trust safe luck loyalty loyal reward rewards warmth
0.5 !-1.5 | support
-2.5 prof | fu
0 | number wilco hand play
0.8 boost=0.2 | surely clearly certainly truly definitely
1.5 boost=0.293 | pretty
0.3 | chance hoped
0.5 | ready favor valuable valuables sunny complimentary
1.0 | peace respect
-2.0 | trash garbage junk rubbish
-1.5 | disconnect disconnects disconnected disconnecting
0 | stop
-0.8 | zero
2.5 #praise | phenomenal stellar rockstar rockstars
2.0 | rad refreshed
1.5 | rock rocks recognition deserves deserved
