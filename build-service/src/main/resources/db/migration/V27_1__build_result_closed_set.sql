-- A build's result is a closed set (common BuildResult, issue 19): Jenkins' five results and the platform's LOST
-- and BUNDLE_FAILED. A result Jenkins reported that is none of them (a plugin's own) has always been treated as not
-- completed; it is stored as the FAILURE it meant, with Jenkins' word kept in the reason.
update build
set reason = left('Jenkins: ' || result || coalesce('; ' || reason, ''), 1000),
    result = 'FAILURE'
where result is not null
  and result not in ('SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED', 'NOT_BUILT', 'LOST', 'BUNDLE_FAILED');

alter table build add constraint build_result_known
    check (result in ('SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED', 'NOT_BUILT', 'LOST', 'BUNDLE_FAILED'));
