// Plugin UI modules: the shell API they are given and their loading.
export * from './shell';
