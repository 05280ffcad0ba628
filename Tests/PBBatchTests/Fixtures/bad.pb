META
key;value
description;A broken election: a vote for a project that does not exist
num_projects;2
num_votes;2
budget;1000
vote_type;approval
PROJECTS
project_id;cost
1;600
2;400
VOTES
voter_id;vote
v1;1,2
v2;3
