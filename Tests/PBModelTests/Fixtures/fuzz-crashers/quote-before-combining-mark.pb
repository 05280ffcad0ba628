META
key;val_̢7
budget;261000
vote_type;cumulative
rulsgetpoints;5
language;polish
edition;4
PROJECTS
project_id;cost;voSubstrintes;score;na4m
e;,61000;478;~110;rna 1 bezp.3
128;2;0;F;41
136;2;5;F;6
e3e1eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee[e///////////////////////////////;2;5;M;4
eeeeeeeeeeeeeeeeee_̢v_eee/////////////;2;5;M;4
eeeeeeee//////////;2;5;M;4
""""̢it7k6;2;5;F;43
31533;2;6;F;44
31569;2;5;F;65
31580;2;5;M;P 82.
1;230000;48;174;1 Wymiana nawiertację
4;242500;33;67;4 STOP DZIUROM!
VOTES
voter_id;vote;points;sex;ag;230000;48;174;1 Wymiana na;4,1;F;50
