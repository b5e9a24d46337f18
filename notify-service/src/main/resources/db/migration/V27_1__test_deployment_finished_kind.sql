-- One spelling per concept (issue 19): the notification of a finished test deployment is TEST_DEPLOYMENT_FINISHED,
-- as the timeline's TEST_DEPLOYMENT_FINISHED and the sync source TEST_DEPLOYMENT ("TEST_DEPLOY" stays only the build
-- type on the wire).
update notification set kind = 'TEST_DEPLOYMENT_FINISHED' where kind = 'TEST_DEPLOY_FINISHED';
