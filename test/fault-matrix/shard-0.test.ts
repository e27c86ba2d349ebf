import { faultMatrixShard } from './shard';

faultMatrixShard(0);
